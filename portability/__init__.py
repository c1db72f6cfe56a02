"""Your data in and out: the lossless JSON export and import, the CSV export, the spreadsheet
import, the demo account, backups and the calendar feed. Reads the domains through their
selectors and writes through their services; the domains know nothing of it."""
