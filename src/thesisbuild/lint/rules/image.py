"""Rule `image`: an image path the build cannot find as written. A path in another case
than the file (`example1.png` for `example1.PNG`) is found on macOS and Windows but not on
Linux or CI; the build finds it with a warning, and --fix writes the file's real name. A
missing image is a box in a draft; --final refuses it.

Fires:     "![A](img/example1.png)" beside img/example1.PNG (--fix: "img/example1.PNG");
           "![A](img/fehlt.png)" when there is no such file
Passes:    "![A](figures/a.png)" beside figures/a.png, "![A](https://x/a.png)",
           "![A](attachment:a.png)", "`![A](fehlt.png)`"
"""

from __future__ import annotations

from collections.abc import Iterator

from ...config.model import Config
from ...core.paths import BuildPaths
from ...text.document import Text, inside
from ...text.imagefiles import image_paths, located_image, real_name
from ..rule import Match

CASE_MESSAGE = "image path differs in case from the file {real!r}; only macOS and Windows find it"
MISSING_MESSAGE = "image not found: {path} (a draft shows a box in its place)"


def check(text: Text, config: Config) -> Iterator[Match]:
    if text.kind == "code":
        return
    code = sorted((start, start + len(body)) for start, body in text.code_blocks())
    folders = (text.chapter.path.parent, config.root, BuildPaths.of(config.root).build)
    for start, end, written in image_paths(text.text):
        if inside(start, code):
            continue
        found, other_case = located_image(written, folders)
        if found is None and not written.startswith("figures/"):  # else the build's own
            yield Match(start, end, MISSING_MESSAGE.format(path=written), written)
        elif found is not None and other_case:
            real = real_name(written, found)
            yield Match(start, end, CASE_MESSAGE.format(real=real), written, real)
