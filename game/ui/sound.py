"""Sounds synthesised by code (no audio files, no numpy): alarm, notification, last-seconds tick.

Samples are 16-bit signed mono built with the ``array`` module and handed to
``pygame.mixer.Sound(buffer=...)``.  Audio is optional: if the mixer cannot start (no device,
dummy driver, a broken setup) every call here quietly does nothing, so sound can never crash
the game.  Without a sound card or server (:func:`sound_output_likely`) the mixer is not even
tried, and while it is tried SDL's and ALSA's complaints are kept off the terminal.

The window opens the mixer when a game starts (or the settings screen is shown), not before the
title screen.  Synthesising the samples in pure Python takes ~45 ms, so it runs on a worker
thread (it only computes bytes); the ``pygame.mixer.Sound`` objects are made on the main thread
when a sound is first played.
"""

from __future__ import annotations

import array
import glob
import math
import os
import sys
import threading

import pygame

from game.i18n import _
from game.ui.display import asked_drivers, quiet_stderr

RATE = 22050


def sound_output_likely() -> bool:
    """Is there anything to play sound on?  Asked before the mixer is opened.

    On Linux without a sound card, opening the mixer makes ALSA print eight error lines on the
    player's terminal before it fails.  A sound server (PulseAudio, PipeWire) or a sound card
    device means yes; ``SDL_AUDIODRIVER`` set by the user means SDL decides.  Elsewhere (macOS,
    Windows) SDL's own probe is quiet, so the answer is yes.
    """
    if asked_drivers("SDL_AUDIODRIVER") or not sys.platform.startswith("linux"):
        return True
    if os.environ.get("PULSE_SERVER"):
        return True
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime and any(
        os.path.exists(os.path.join(runtime, name)) for name in ("pulse/native", "pipewire-0")
    ):
        return True
    return bool(glob.glob("/dev/snd/pcmC*"))


def _tone(parts: list[tuple[float, float, float]], volume: float = 0.5) -> bytes:
    """``parts``: (frequency Hz, seconds, gap seconds) played in sequence, with short fades."""
    samples = array.array("h")
    peak = int(32767 * volume)
    for freq, secs, gap in parts:
        n = int(RATE * secs)
        fade = max(1, int(RATE * 0.01))
        for i in range(n):
            env = min(1.0, i / fade, (n - i) / fade)
            samples.append(int(peak * env * math.sin(2 * math.pi * freq * i / RATE)))
        samples.extend([0] * int(RATE * gap))
    return samples.tobytes()


RECIPES = {
    "alarm": lambda: _tone([(880, 0.18, 0.05), (660, 0.18, 0.05)] * 3, 0.45),
    "notify": lambda: _tone([(740, 0.07, 0.02), (990, 0.10, 0.0)], 0.35),
    "tick": lambda: _tone([(1500, 0.025, 0.0)], 0.3),
}


class Sounds:
    def __init__(self, enabled: bool = True, volume: int = 70) -> None:
        self.ok = False
        self.muted = not enabled
        self.volume = volume
        self._sounds: dict[str, pygame.mixer.Sound] = {}
        self._data: dict[str, bytes] = {}
        self._synth: threading.Thread | None = None
        try:
            if not pygame.mixer.get_init():
                if not sound_output_likely():
                    raise pygame.error(_("no sound card or sound server"))
                with quiet_stderr():  # a card that fails to open still has ALSA say so
                    pygame.mixer.init(frequency=RATE, size=-16, channels=1)
            freq, _size, channels = pygame.mixer.get_init()
            self.ok = freq > 0
        except Exception:
            self.ok = False
        if self.ok:
            self._synth = threading.Thread(
                target=self._synthesise, args=(channels,), name="sounds", daemon=True
            )
            self._synth.start()

    def _synthesise(self, channels: int) -> None:
        """On the worker thread: the samples of every sound (no pygame)."""
        for name, recipe in RECIPES.items():
            data = recipe()
            if channels == 2:  # duplicate each 16-bit sample for stereo devices
                mono = array.array("h", data)
                stereo = array.array("h", [0]) * (2 * len(mono))
                stereo[0::2] = mono
                stereo[1::2] = mono
                data = stereo.tobytes()
            self._data[name] = data

    def _sound(self, name: str) -> pygame.mixer.Sound | None:
        s = self._sounds.get(name)
        if s is None and name in RECIPES:
            if self._synth is not None:
                self._synth.join()  # only if a sound is wanted within ~50 ms of the mixer
            data = self._data.get(name)
            if data is not None:
                s = self._sounds[name] = pygame.mixer.Sound(buffer=data)
        return s

    def set(self, muted: bool, volume: int) -> None:
        self.muted, self.volume = muted, volume

    def play(self, name: str) -> None:
        if self.muted or not self.ok:
            return
        try:
            s = self._sound(name)
            if s is not None:
                s.set_volume(self.volume / 100)
                s.play()
        except Exception:
            pass
