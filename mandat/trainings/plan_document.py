"""The training plan as a document: a PDF/A, on the plan's page and sent
for approval by e-mail link (meetings)."""

from mandat.core.pdf import pdf_response

from .models import Training, TrainingPlan
from .selectors import plan_years


def plan_pdf_response(plan: TrainingPlan):
    """The plan as a PDF/A, also sent for approval by e-mail link."""
    years, _items = plan_years(plan=plan)
    return pdf_response(
        template="trainings/pdf/plan.html",
        context={
            "plan": plan,
            "years": years,
            "outside": Training.objects.filter(
                organisation=plan.organisation, plan_item__isnull=True
            ).order_by("-created_at")[:50],
        },
        filename=f"utbildningsplan-{plan.period.name}",
        title=plan.title,
    )
