"""Selling in the chat: buying (free, Stars, card), access links, /mypackages, granting and the
coach's /sold desk. Handlers here, wording in `texts`, screens in `views`."""
