mv ed 天河区
