"""The update processor: ordered per user, concurrent across users, bounded, no leak."""

from __future__ import annotations

import asyncio

from telegram import Chat, Message, Update, User

from bot.kit.processing import PerUserProcessor, ordering_key


def message_update(update_id: int, user_id: int) -> Update:
    user = User(id=user_id, first_name="U", is_bot=False)
    chat = Chat(id=user_id, type=Chat.PRIVATE)
    message = Message(message_id=update_id, date=None, chat=chat, from_user=user, text="hi")  # type: ignore[arg-type]
    return Update(update_id=update_id, message=message)


class Recorder:
    """Handler stand-in: records start/end per update and can be held open."""

    def __init__(self) -> None:
        self.events: list[tuple[str, int]] = []
        self.running = 0
        self.most_running = 0
        self.release = asyncio.Event()

    async def handle(self, update_id: int, hold: bool = False, pause: float = 0) -> None:
        self.events.append(("start", update_id))
        self.running += 1
        self.most_running = max(self.most_running, self.running)
        if hold:
            await self.release.wait()
        await asyncio.sleep(pause)
        self.running -= 1
        self.events.append(("end", update_id))


def fire(processor: PerUserProcessor, update: Update, coroutine: object) -> asyncio.Task[None]:
    return asyncio.create_task(processor.process_update(update, coroutine))  # type: ignore[arg-type]


def fire_held(
    processor: PerUserProcessor, recorder: Recorder, pairs: list[tuple[int, int]]
) -> list[asyncio.Task[None]]:
    """Updates (update id, user id) whose handlers stay open until `recorder.release`."""
    return [
        fire(processor, message_update(update_id, user_id), recorder.handle(update_id, hold=True))
        for update_id, user_id in pairs
    ]


async def test_one_users_updates_run_one_after_another_in_arrival_order() -> None:
    processor, recorder = PerUserProcessor(), Recorder()
    tasks = [
        fire(processor, message_update(i, 7), recorder.handle(i, pause=0.01 * (5 - i % 5)))
        for i in range(20)
    ]
    await asyncio.gather(*tasks)
    expected = [event for i in range(20) for event in (("start", i), ("end", i))]
    assert recorder.events == expected


async def test_different_users_run_at_the_same_time() -> None:
    processor, recorder = PerUserProcessor(), Recorder()
    tasks = fire_held(processor, recorder, [(i, 100 + i) for i in range(20)])
    await asyncio.sleep(0.05)
    assert recorder.running == 20
    recorder.release.set()
    await asyncio.gather(*tasks)
    assert recorder.most_running == 20


async def test_running_handlers_are_bounded_and_a_busy_user_holds_no_slot_while_queued() -> None:
    processor, recorder = PerUserProcessor(max_concurrent_updates=3), Recorder()
    busy = fire_held(processor, recorder, [(i, 1) for i in range(10)])
    others = fire_held(processor, recorder, [(100 + i, 200 + i) for i in range(5)])
    await asyncio.sleep(0.05)
    started = {update_id for kind, update_id in recorder.events if kind == "start"}
    # one of the busy user's ten runs; the other two slots go to other users, not to the queue
    assert recorder.running == 3
    assert started == {0, 100, 101}
    recorder.release.set()
    await asyncio.gather(*busy, *others)
    assert recorder.most_running == 3


async def test_keys_of_idle_users_are_released() -> None:
    processor, recorder = PerUserProcessor(), Recorder()
    tasks = fire_held(processor, recorder, [(i, 1000 + i % 50) for i in range(200)])
    await asyncio.sleep(0.05)
    assert processor.active_keys == 50
    recorder.release.set()
    await asyncio.gather(*tasks)
    assert processor.active_keys == 0


async def test_an_update_cancelled_while_queued_never_runs_and_frees_its_key() -> None:
    processor, recorder = PerUserProcessor(), Recorder()
    first = fire(processor, message_update(1, 5), recorder.handle(1, hold=True))
    queued = fire(processor, message_update(2, 5), recorder.handle(2))
    await asyncio.sleep(0.01)
    queued.cancel()
    recorder.release.set()
    await first
    await asyncio.gather(queued, return_exceptions=True)
    assert recorder.events == [("start", 1), ("end", 1)]
    assert processor.active_keys == 0


def test_updates_are_keyed_by_user_and_anything_else_runs_freely() -> None:
    assert ordering_key(message_update(1, 42)) == 42
    assert ordering_key(Update(update_id=3)) is None
    assert ordering_key("not an update") is None


async def test_people_already_talking_to_the_bot_skip_the_newcomers_queue() -> None:
    processor = PerUserProcessor(max_newcomers=2, known=lambda key: key == 99)
    recorder = Recorder()
    newcomers = fire_held(processor, recorder, [(i, 500 + i) for i in range(6)])
    await asyncio.sleep(0.05)
    assert recorder.running == 2  # the other four newcomers wait for a newcomer slot
    second_step = fire(processor, message_update(100, 99), recorder.handle(100))
    await second_step  # ran at once, while newcomers still wait
    assert ("end", 100) in recorder.events and recorder.running == 2
    recorder.release.set()
    await asyncio.gather(*newcomers)
    assert recorder.most_running == 3
