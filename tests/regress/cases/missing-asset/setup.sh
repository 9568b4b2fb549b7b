rm ed/assets/forms/birth-form.pdf
