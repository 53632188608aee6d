from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from employers.models import Employer


@login_required
def index(request):
    return render(request, "employers/index.html")


@login_required
def detail(request, organisation_number: str):
    employer = get_object_or_404(Employer.objects.active(), organisation_number=organisation_number)
    return render(request, "employers/detail.html", {"employer": employer})
