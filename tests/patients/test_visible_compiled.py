"""The records lists compiled once (`policy.compiled_visible`, `kept.CompiledRead`) are
the ORM's own answers, for any team: the same records, the same values, no others."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alsmove.accounts.models import User
from alsmove.core.feelings import FEELING_SHARED_01
from alsmove.demo.seed import SAM_POSITION_ANSWERS, SAM_PROFILE
from alsmove.exercises.search import profile_choices
from alsmove.kept import CompiledRead, by_key
from alsmove.logbook.models import Alert
from alsmove.patients.models import CareLink, FunctionalProfile, Patient, Permission, Relation
from alsmove.patients.policy import compiled_visible, visible_patients
from alsmove.web.hub import open_alerts_by_patient
from alsmove.web.views import _OTHERS, _OWN

pytestmark = pytest.mark.django_db

USERS = 4
RECORDS = 4

# A link: (record, member, relation, permission, revoked).
links = st.lists(
    st.tuples(
        st.integers(0, RECORDS - 1),
        st.integers(0, USERS - 1),
        st.sampled_from(list(Relation)),
        st.sampled_from(list(Permission)),
        st.booleans(),
    ),
    max_size=10,
)
# Each record's own account (or none), and which accounts are switched off.
owners = st.lists(
    st.one_of(st.none(), st.integers(0, USERS - 1)), min_size=RECORDS, max_size=RECORDS
)
inactive = st.sets(st.integers(0, USERS - 1))
# The records with a functional profile; alerts: (record, a shared feeling?, looked at?).
profiled = st.sets(st.integers(0, RECORDS - 1))
alerts = st.lists(st.tuples(st.integers(0, RECORDS - 1), st.booleans(), st.booleans()), max_size=6)


def _fields(records: list[Patient]) -> list[dict[str, object]]:
    return [{k: v for k, v in vars(record).items() if not k.startswith("_")} for record in records]


def _home_others(user: User) -> QuerySet[Patient]:
    """The home page's list before it was compiled once, as the ORM built it then."""
    as_caregiver = CareLink.objects.filter(
        patient=OuterRef("pk"),
        member=user,
        relation=Relation.CAREGIVER,
        revoked_at__isnull=True,
    )
    return visible_patients(user).exclude(user=user).annotate(cares_for=Exists(as_caregiver))


def _orm_profile_choices(user: User) -> list[tuple[str, str]]:
    """The library's "suits" choices before they were compiled once, as the ORM read them."""
    with_profile = FunctionalProfile.objects.values("patient_id")
    records = visible_patients(user).filter(pk__in=with_profile).order_by("display_name")
    choices = []
    for pk, owner, name in records.values_list("pk", "user_id", "display_name"):
        if owner == user.pk:
            choices.insert(0, (str(pk), "Suits me"))
        else:
            choices.append((str(pk), f"Suits {name}"))
    return choices


def _orm_open_alerts(user: User) -> list[tuple[int, int]]:
    """A therapist's records with alerts not looked at, as the ORM counted them before."""
    as_therapist = CareLink.objects.active().filter(
        patient=OuterRef("pk"), member=user, relation=Relation.THERAPIST
    )
    open_alert = Q(alerts__acknowledged_at__isnull=True) & (
        ~Q(alerts__rule=FEELING_SHARED_01) | Q(is_their_therapist=True)
    )
    rows = (
        visible_patients(user)
        .exclude(user=user)
        .annotate(is_their_therapist=Exists(as_therapist))
        .annotate(open_alerts=Count("alerts", filter=open_alert, distinct=True))
        .filter(open_alerts__gt=0)
        .order_by("-open_alerts", "display_name")
    )
    return [(p.pk, p.open_alerts) for p in rows]


def _make_team(
    owner_of: list[int | None], made: list[tuple[int, int, str, str, bool]], off: set[int]
) -> tuple[list[User], list[Patient]]:
    users = [
        User.objects.create_user(
            email=f"u{i}@example.org", password="x" * 12, is_active=i not in off
        )
        for i in range(USERS)
    ]
    used: set[int] = set()
    records = []
    for i, owner in enumerate(owner_of):
        # One record per account at most (the account is the person's own).
        account = users[owner] if owner is not None and owner not in used else None
        if owner is not None:
            used.add(owner)
        records.append(Patient.objects.create(user=account, display_name=f"Person {i}"))
    active: set[tuple[int, int]] = set()
    for record, member, relation, permission, revoked in made:
        if not revoked and (record, member) in active:
            continue  # one active link per member and record
        CareLink.objects.create(
            patient=records[record],
            member=users[member],
            relation=relation,
            permission=permission,
            revoked_at=timezone.now() - timedelta(days=1) if revoked else None,
        )
        if not revoked:
            active.add((record, member))
    return users, records


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(owner_of=owners, made=links, off=inactive, with_profile=profiled, raised=alerts)
def test_the_compiled_lists_equal_the_orms_for_any_team(
    owner_of: list[int | None],
    made: list[tuple[int, int, str, str, bool]],
    off: set[int],
    with_profile: set[int],
    raised: list[tuple[int, bool, bool]],
) -> None:
    with transaction.atomic():
        users, records = _make_team(owner_of, made, off)
        for i in sorted(with_profile):
            FunctionalProfile.objects.create(
                patient=records[i], **SAM_PROFILE, **SAM_POSITION_ANSWERS
            )
        for n, (i, feeling, looked_at) in enumerate(raised):
            Alert.objects.create(
                patient=records[i],
                day=timezone.localdate(),
                rule=FEELING_SHARED_01 if feeling else "RULE-X",
                exercise=f"e{n}",
                message={"text": "x", "params": {}},
                acknowledged_at=timezone.now() if looked_at else None,
            )
        plain = compiled_visible(lambda records, key: records.order_by("pk"))
        for user in users:
            expected = list(visible_patients(user).order_by("pk"))
            assert _fields(plain(user)) == _fields(expected)
            home = _OTHERS(user)
            orm = list(_home_others(user))
            assert sorted(p.pk for p in home) == sorted(p.pk for p in orm)
            cares = {p.pk: p.cares_for for p in orm}
            assert {p.pk: p.cares_for for p in home} == cares
            assert _fields(sorted(home, key=lambda p: p.pk)) == _fields(
                sorted(orm, key=lambda p: p.pk)
            )
            own = Patient.objects.filter(user=user).first()
            assert _fields(_OWN(user.pk)) == _fields([own] if own else [])
            assert profile_choices(user) == _orm_profile_choices(user)
            counted = [(row["patient"].pk, row["count"]) for row in open_alerts_by_patient(user)]
            assert counted == _orm_open_alerts(user)
        transaction.set_rollback(True)


def test_a_switched_off_account_sees_no_record_even_its_own() -> None:
    user = User.objects.create_user(email="off@example.org", password="x" * 12)
    Patient.objects.create(user=user, display_name="Own")
    listed = compiled_visible(lambda records, key: records)
    assert [p.display_name for p in listed(user)] == ["Own"]
    user.is_active = False
    assert listed(user) == []
    assert list(visible_patients(user)) == []


def test_a_read_without_its_stand_in_value_is_refused() -> None:
    read = CompiledRead(Patient, lambda key: Patient.objects.filter(display_name="x"))
    with pytest.raises(ValueError, match="no stand-in"):
        read(1)


def test_a_read_by_key_answers_as_the_orm_and_refuses_a_missing_key() -> None:
    record = Patient.objects.create(display_name="Kim")
    assert _fields([by_key(Patient, record.pk)]) == _fields([Patient.objects.get(pk=record.pk)])
    with pytest.raises(Patient.DoesNotExist):
        by_key(Patient, record.pk + 1000)
