"""A person's data: the export, and erasing everything."""

EXPORT_READY = (
    "Here is a copy of everything I have stored about you, in three files: a summary to "
    "read (opens in a web browser, and prints), your check-ins for a spreadsheet (CSV), "
    "and the complete copy for programs (JSON). They include your pain scores and answers, "
    "so keep them somewhere private."
)

ERASE_CONFIRM = (
    "Delete everything I have stored about you? That is your answers, pain scores, "
    "check-ins, reminders, clinic sharing and our message history. It cannot be undone, "
    "and if you come back later we start again from the beginning.\n"
    "Type yes to delete, or no to keep your data."
)
ERASE_YES = "Yes, delete everything"
ERASE_NO = "No, keep my data"
ERASE_HINT = "Type yes to delete everything, or no to keep your data."
ERASED = (
    "Done: everything I had stored about you is deleted. If you write to me again, "
    "we start from the beginning. Take care of yourself."
)
KEPT = "Nothing was deleted; your data is as it was."
