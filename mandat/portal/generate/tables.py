"""The tables the generator writes, parents before children, and the columns
it gives for each; every row a domain module adds is a tuple in this order."""

from types import SimpleNamespace

from mandat.accounts.models import Membership, User
from mandat.core.models import AuditEntry, Organisation
from mandat.directory.models import (
    Assignment,
    Body,
    MandatePeriod,
    Party,
    Person,
    TargetGroup,
    TargetRule,
)
from mandat.evaluations.models import (
    Answer,
    Need,
    Question,
    Questionnaire,
    Recipient,
    Response,
)
from mandat.knowledge.models import (
    Film,
    FilmView,
    HandbookPage,
    HandbookSection,
    SearchEntry,
    Topic,
)
from mandat.meetings.models import (
    ActionItem,
    AgendaItem,
    ApprovalAnswer,
    ApprovalRequest,
    Attendance,
    Commission,
    CommissionEvent,
    GroupParticipant,
    HostTurn,
    Meeting,
    MeetingGroup,
)
from mandat.notifications.models import CalendarFeed, Message
from mandat.reports.models import Budget, CostLine, ReportNarrative
from mandat.trainings.models import (
    Contributor,
    Invitation,
    InvitationBatch,
    Occasion,
    OccasionMove,
    PlanItem,
    Registration,
    Session,
    SessionAttendance,
    Training,
    TrainingPlan,
)

SEARCH_VECTOR = (
    "setweight(to_tsvector('swedish', title), 'A') || "
    "setweight(to_tsvector('swedish', body), 'B')"
)


def declare(loader) -> SimpleNamespace:
    """Declare every table on ``loader`` and return them by short name."""
    t = loader.table
    return SimpleNamespace(
        organisation=t(
            Organisation, "id name slug kind organisation_number created_at"
        ),
        user=t(
            User,
            "id password last_login is_superuser email full_name language "
            "is_staff is_active date_joined",
        ),
        period=t(
            MandatePeriod, "id organisation_id name election_date starts_on ends_on"
        ),
        party=t(Party, "id organisation_id name abbreviation is_local is_active"),
        body=t(
            Body,
            "id organisation_id name short_name kind reporting_category parent_id "
            "is_statutory term_rule seats founded_on dissolved_on description",
        ),
        membership=t(Membership, "id user_id organisation_id role body_id created_at"),
        person=t(
            Person,
            "id organisation_id first_name last_name email phone kind gender title "
            "home_municipality register_id protected_identity account_id "
            "created_at updated_at",
        ),
        assignment=t(
            Assignment,
            "id organisation_id person_id body_id role party_id left_party_on "
            "substitute_order period_id starts_on ends_on end_reason "
            "created_at updated_at",
        ),
        target_group=t(TargetGroup, "id organisation_id name created_at"),
        target_rule=t(
            TargetRule,
            "id group_id kind body_id category body_kind roles title person_id",
        ),
        plan=t(
            TrainingPlan,
            "id organisation_id period_id title introduction adopted_by adopted_on "
            "created_at updated_at",
        ),
        plan_item=t(
            PlanItem,
            "id plan_id year month season title responsible target_group topics "
            "description funding_note filmed is_basic catch_up status status_note "
            "position",
        ),
        training=t(
            Training,
            "id organisation_id title description plan_item_id responsible_body_id "
            "target_group_id status cancel_reason recording_url "
            "reminder_days_before created_by_id created_at updated_at",
        ),
        occasion=t(
            Occasion,
            "id organisation_id training_id label format location meeting_url "
            "capacity minimum_participants registration_deadline "
            "completion_min_sessions status cancel_reason starts_at ends_at "
            "sequence created_at updated_at",
        ),
        session=t(Session, "id occasion_id label starts_at ends_at"),
        occasion_move=t(
            OccasionMove,
            "id occasion_id old_starts_at new_starts_at reason moved_by_id moved_at",
        ),
        contributor=t(Contributor, "id occasion_id person_id role"),
        batch=t(
            InvitationBatch,
            "id training_id sent_at sent_by_id recipient_count description "
            "messages_queued_at",
        ),
        invitation=t(
            Invitation,
            "id organisation_id training_id person_id batch_id token invited_at "
            "declined_at decline_reason",
        ),
        registration=t(
            Registration,
            "id organisation_id training_id occasion_id person_id invitation_id "
            "status created_at registered_by_id dietary_needs accessibility_needs "
            "promoted_at cancelled_at status_reason calendar_sequence",
        ),
        attendance=t(
            SessionAttendance,
            "id registration_id session_id status recorded_by_id recorded_at",
        ),
        questionnaire=t(
            Questionnaire,
            "id organisation_id kind title introduction training_id status "
            "send_automatically audience reminder_days open_days created_at",
        ),
        question=t(
            Question,
            "id questionnaire_id position kind text help_text choices required "
            "background is_grade",
        ),
        recipient=t(
            Recipient,
            "id questionnaire_id person_id occasion_id token sent_at closes_at "
            "reminded has_answered",
        ),
        response=t(Response, "id questionnaire_id submitted_on"),
        answer=t(Answer, "id response_id question_id value text"),
        need=t(Need, "id organisation_id period_id text source_id created_at"),
        cost=t(
            CostLine,
            "id organisation_id training_id occasion_id category supplier "
            "description amount incurred_on created_by_id created_at",
        ),
        budget=t(Budget, "id organisation_id year body_id amount note"),
        narrative=t(
            ReportNarrative,
            "id organisation_id year introduction trainings evaluations economy "
            "outlook updated_at",
        ),
        group=t(
            MeetingGroup,
            "id organisation_id body_id notice_days quorum_rule default_location "
            "default_meeting_url remote_label reports_to minutes_kind",
        ),
        participant=t(
            GroupParticipant,
            "id group_id person_id affiliation is_secretary starts_on ends_on",
        ),
        host_turn=t(HostTurn, "id group_id year host note created_at replaced_at"),
        meeting=t(
            Meeting,
            "id organisation_id group_id starts_at ends_at location meeting_url "
            "host status sequence notice_sent_at cancel_reason quorate "
            "serving_chair_id secretary_id minutes_status minutes_finalised_at "
            "minutes_approved_at approved_at_meeting_id minutes_frozen "
            "registry_number created_at updated_at",
        ),
        commission=t(
            Commission,
            "id organisation_id group_id reference decided_on title text status "
            "created_at",
        ),
        commission_party=t(
            Commission.proposing_parties.through, "id commission_id party_id"
        ),
        commission_training=t(
            Commission.trainings.through, "id commission_id training_id"
        ),
        commission_event=t(
            CommissionEvent, "id commission_id status on note actor_label created_at"
        ),
        item=t(
            AgendaItem,
            "id meeting_id position standard kind title notes decision "
            "presenter_id minutes_of_id next_meeting_id",
        ),
        item_training=t(AgendaItem.trainings.through, "id agendaitem_id training_id"),
        item_commission=t(
            AgendaItem.commissions.through, "id agendaitem_id commission_id"
        ),
        meeting_attendance=t(
            Attendance,
            "id meeting_id person_id capacity role party_id home_municipality "
            "affiliation status serving_for_id",
        ),
        action=t(
            ActionItem,
            "id organisation_id meeting_id item_id what owner_id owner_label "
            "owner_organisation due_on status closed_on closed_note created_at",
        ),
        approval=t(
            ApprovalRequest,
            "id organisation_id group_id title message minutes_of_id plan_id file "
            "content_type deadline created_by_id created_at",
        ),
        approval_answer=t(
            ApprovalAnswer, "id request_id person_id token answer comment answered_at"
        ),
        topic=t(Topic, "id organisation_id name"),
        film=t(
            Film,
            "id organisation_id title description speakers recorded_on "
            "duration_minutes video_url captions captions_url chapters training_id "
            "plan_item_id visibility status created_at",
        ),
        film_topic=t(Film.topics.through, "id film_id topic_id"),
        film_view=t(FilmView, "id film_id person_id watched_on"),
        section=t(HandbookSection, "id organisation_id title position"),
        page=t(
            HandbookPage,
            "id section_id title body owner_id reviewed_on review_months position "
            "updated_at",
        ),
        page_film=t(HandbookPage.films.through, "id handbookpage_id film_id"),
        search=t(
            SearchEntry,
            "id organisation_id kind key title body stemmed url audience group_id "
            "updated_at",
            computed={"vector": SEARCH_VECTOR},
        ),
        message=t(
            Message,
            "id organisation_id event dedupe_key person_id to_email to_name "
            "language subject body_text calendar_method calendar reply_to "
            "attachments content_type_id object_id status attempts last_error "
            "next_attempt_at lease_until created_at sent_at",
        ),
        feed=t(CalendarFeed, "id person_id token created_at revoked_at"),
        audit=t(
            AuditEntry,
            "id organisation_id actor_id actor_label created_at action object_type "
            "object_id object_repr changes message",
        ),
    )
