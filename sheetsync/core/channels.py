"""The ways a group is reached besides e-mail (office.yaml `notify:` and each group's `line_group`,
`chat_webhook_env`): pure, so that the reminders and the digests (app.reminders, app.notify) and
`doctor` decide it alike."""

from __future__ import annotations

from dataclasses import dataclass

from sheetsync.core.models import Group, Office

LINE, CHAT = "line", "chat"


@dataclass(frozen=True)
class Channel:
    """One chat a group is reached in: `target` is the LINE chat's ID or the webhook variable's name."""

    kind: str
    target: str


def channels(office: Office, group: Group, paused_too: bool = False) -> list[Channel]:
    """The chats a group is reached in, as configured (none when notify is off, unless `paused_too`:
    what would be sent, for a preview)."""
    notify = office.notify
    if notify is None or not (notify.enabled or paused_too):
        return []
    out = []
    if notify.line is not None and group.line_group:
        out.append(Channel(LINE, group.line_group))
    if group.chat_webhook_env:
        out.append(Channel(CHAT, group.chat_webhook_env))
    return out


def email_wanted(office: Office, group: Group) -> bool:
    """Whether the group is owed the e-mail reminder: always, unless `notify.email: fallback` and a chat
    reaches it (it is owed one later if LINE's allowance cannot cover its digest: app.notify)."""
    notify = office.notify
    return notify is None or not notify.enabled or notify.email == "always" or not channels(office, group)
