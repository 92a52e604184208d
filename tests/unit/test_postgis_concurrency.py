"""Several authors at once on one PostGIS plan: 8 processes × 200 random edits (add, update,
delete, reorder) of overlapping clauses, and a writer killed mid-transaction.

Afterwards every accepted write is in change_log and nothing else is; every refused write was told
to its writer with a catalogue message; replaying the logged writes in log order gives the final
clauses exactly; and the killed writer left nothing of its open transaction.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

from plan_helpers import plan_data

from ecozone_plugin.core.plan.postgis import PostGISPlanStore, create_postgis_plan

ROOT = Path(__file__).resolve().parents[2]
WRITERS, EDITS = 8, 200

WORKER = textwrap.dedent(
    """
    import json, random, sys
    sys.path[:0] = [{root!r}, {here!r}]
    from plan_helpers import clause
    from ecozone_plugin.core.messages import EcoZoneError
    from ecozone_plugin.core.plan.postgis import PostGISPlanStore
    from ecozone_plugin.core.plan.store import ClauseChange

    address, seed, edits, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    rng = random.Random(seed)
    store = PostGISPlanStore.open(address)
    records = []
    for n in range(edits):
        read = [c for c in store.clauses("unit") if c.scope == "u-a1" and c.dimension == 1]
        op = rng.choice(["add", "add", "update", "update", "delete", "reorder"])
        try:
            if op == "add" or not read:
                op = "add"
                number = f"1-{{rng.randint(1, 12)}}"  # few numbers: two writers often want the same one
                new = clause("unit", "u-a1", 1, number, f"w{{seed}}-{{n}}")
                logged = store.apply([ClauseChange("add", new)], f"w{{seed}}")
            elif op == "update":
                target = rng.choice(read)
                changed = target.with_changes(text=f"w{{seed}}-{{n}}")
                logged = store.apply([ClauseChange("update", changed)], f"w{{seed}}")
            elif op == "delete":
                target = rng.choice(read)
                logged = store.apply([ClauseChange("delete", target, clause_id=target.id)], f"w{{seed}}")
            else:
                ids = [c.id for c in read]
                rng.shuffle(ids)
                logged = store.reorder(ids, f"w{{seed}}")
            records.append({{"op": op, "accepted": True, "log": logged}})
        except EcoZoneError as refused:
            records.append({{"op": op, "accepted": False, "code": refused.message.code}})
    with open(out, "w") as handle:
        json.dump(records, handle)
    """
)

KILLED = textwrap.dedent(
    """
    import os, signal, sys
    sys.path[:0] = [{root!r}, {here!r}]
    from plan_helpers import clause
    from ecozone_plugin.core.plan.postgis import PostGISPlanStore
    from ecozone_plugin.core.plan.store import ClauseChange

    def changes():
        for n in range(1, 50):
            if n == 30:
                os.kill(os.getpid(), signal.SIGKILL)
            yield ClauseChange("add", clause("unit", "u-b2", 2, f"2-{{n}}", "写到一半"))

    PostGISPlanStore.open(sys.argv[1]).apply(changes(), "killed")
    """
)


def replay(entries) -> dict[int, dict]:
    """The clauses that the logged writes leave, in log order."""
    state: dict[int, dict] = {}
    for entry in entries:
        clause_id = int(entry.object_id)
        if entry.action == "delete":
            state.pop(clause_id)
        else:
            state[clause_id] = entry.new
    return state


def test_eight_writers_lose_nothing_and_a_killed_one_leaves_nothing(pg_server, tmp_path):
    address = pg_server.address(f"team_{uuid.uuid4().hex[:8]}")
    create_postgis_plan(address, plan_data(), author="setup")
    here = str(Path(__file__).parent)
    worker = WORKER.format(root=str(ROOT), here=here)
    outs = [tmp_path / f"w{n}.json" for n in range(WRITERS)]
    procs = [
        subprocess.Popen([sys.executable, "-c", worker, address, str(n), str(EDITS), str(out)], stderr=subprocess.PIPE)
        for n, out in enumerate(outs)
    ]
    killed = subprocess.run([sys.executable, "-c", KILLED.format(root=str(ROOT), here=here), address], timeout=120)
    for proc in procs:
        _out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err.decode()[-2000:]
    assert killed.returncode == -9

    records = [r for out in outs for r in json.loads(out.read_text())]
    accepted = [r for r in records if r["accepted"]]
    refused = [r for r in records if not r["accepted"]]
    assert len(records) == WRITERS * EDITS
    assert accepted and refused  # the writers did get in each other's way
    # a stale copy, a number taken meanwhile, a clause gone, a group changed under a reorder
    assert {r["code"] for r in refused} <= {"EZ-T026", "EZ-T010", "EZ-T009", "EZ-T005"}

    store = PostGISPlanStore.open(address)
    log = [e for e in reversed(store.history(0)) if e.object_type == "admission_clause"]
    assert sorted(e.id for e in log) == sorted(i for r in accepted for i in r["log"])  # exactly the accepted ones
    assert not [e for e in store.history(0) if e.author == "killed"]
    final = {c.id: c for c in store.clauses()}
    assert not [c for c in final.values() if c.scope == "u-b2"]  # nothing of the killed transaction
    replayed = replay(log)
    assert set(replayed) == set(final)
    for clause_id, clause in final.items():
        want = replayed[clause_id]
        assert (clause.clause_no, clause.text) == (want["clause_no"], want["text"]), clause_id
    numbers = [c.clause_no for c in final.values()]
    assert len(numbers) == len(set(numbers))  # one clause per number, whoever won
    print(f"{len(accepted)} accepted, {len(refused)} refused: {sorted({r['code'] for r in refused})}")
