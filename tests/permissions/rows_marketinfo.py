from tests.permissions.matrix import Row, expect


def build(world):
    pass


ROWS = [
    Row("marketinfo:index", expect(200)),
]
