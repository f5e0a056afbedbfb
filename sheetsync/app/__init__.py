"""What the commands do: the sync (read, plan, write), the follow-up after it (memo, reminders),
setup, history operations, doctor, schedule, the demo office.
"""
