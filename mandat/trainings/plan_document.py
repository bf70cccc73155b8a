"""The training plan as a document: a PDF/A, on the plan's page and sent
for approval by e-mail link (meetings)."""

from mandat.core.downloads import download_response
from mandat.core.pdf import PdfUnavailable, pdf_render, pdf_unavailable_response

from .models import Training, TrainingPlan
from .selectors import plan_years


def plan_pdf_render(plan: TrainingPlan) -> bytes:
    """The plan as a tagged PDF/A (PdfUnavailable where WeasyPrint cannot
    run): downloaded, sent for approval by e-mail link, archived."""
    years, _items = plan_years(plan=plan)
    return pdf_render(
        template="trainings/pdf/plan.html",
        context={
            "plan": plan,
            "years": years,
            "outside": Training.objects.filter(
                organisation=plan.organisation, plan_item__isnull=True
            ).order_by("-created_at")[:50],
        },
        title=plan.title,
    )


def plan_filename(plan: TrainingPlan) -> str:
    return f"utbildningsplan-{plan.period.name}"


def plan_pdf_response(plan: TrainingPlan):
    """The plan as a PDF/A download."""
    try:
        content = plan_pdf_render(plan)
    except PdfUnavailable:
        return pdf_unavailable_response()
    return download_response(
        content, filename=f"{plan_filename(plan)}.pdf", content_type="application/pdf"
    )
