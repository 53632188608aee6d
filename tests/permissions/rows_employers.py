from employers.models import Employer
from tests.permissions.matrix import Row, expect


def build(world):
    world.objects["employer"] = Employer.objects.create(
        organisation_number="974760673", name="Brønnboring AS", municipality="Risør"
    )


ROWS = [
    Row("employers:index", expect(200)),
    Row("employers:detail", expect(200), args=lambda w: [w.employer.organisation_number]),
]
