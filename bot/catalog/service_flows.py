"""/newservice (title → description or /skip → duration → hidden → Save) and editing one
field of a service: the flows of new_entry.py and edit_entry.py, given what is a service's
own (its words, draft and use cases). States `svc.*`, conversations `new_service` and
`edit_service`."""

from __future__ import annotations

from telegram import Update

from bot.catalog import services_views as views
from bot.catalog.edit_entry import EditEntryFlow
from bot.catalog.entry_views import SAVED
from bot.catalog.new_entry import NewEntryFlow
from bot.kit.context import BotContext
from bot.kit.replies import reply
from domain.catalog.model import Service
from domain.catalog.services import SERVICES, ServiceDraft, create_service, update_service
from i18n import _


async def send_service(update: Update, context: BotContext, service: Service) -> None:
    """The saved service as a new message, with its buttons."""
    text, markup = views.service_text(service, _(SAVED)), views.service_keyboard(service)
    await reply(update, text, reply_markup=markup)


async def update(
    context: BotContext, coach_id: int, service_id: int, field: str, text: str
) -> Service:
    """The edit flow's new value, stored in the service."""
    return await update_service(context.uow(), coach_id, service_id, field, text)


NEW: NewEntryFlow[ServiceDraft, Service] = NewEntryFlow(
    screens=views.SCREENS, draft=ServiceDraft.from_dict, create=create_service, send=send_service
)
EDIT: EditEntryFlow[Service] = EditEntryFlow(
    screens=views.SCREENS, get=SERVICES.get, update=update, send=send_service
)
