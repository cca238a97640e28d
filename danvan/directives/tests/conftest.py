import pytest

from .factories import build_places


@pytest.fixture
def places(world):
    """The seed articles' units with their real keys, next to the shared test world."""
    return build_places()
