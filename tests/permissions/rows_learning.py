from tests.permissions.matrix import Row, expect


def build(world):
    pass


ROWS = [
    Row("learning:index", expect(200)),
]
