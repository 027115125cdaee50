#!/usr/bin/env python3
"""Writes own.jsonl: 48 synthetic notes with every identifier marked, in the hard forms issue 18 lists.

Written by the de-identifier's author (so it measures what the author thought of; the helper's dev.jsonl and the
holdout were written apart). Every name, number and place is invented. {{kind:text}} marks an identifier,
[[kind:text]] a span that must stay. Run: python3 eval/gold/deid/own_gen.py > eval/gold/deid/own.jsonl
"""
import json, random, re

rng = random.Random(18)
FIRST_WORD = ["Hope", "Will", "June", "Grace", "Rose", "Mark", "Faith", "Dawn", "Joy", "Frank", "Holly", "Dale"]
FIRST = ["Adaeze", "Tomasz", "Mei-Ling", "Yusuf", "Ingrid", "Rafael", "Oksana", "Deshawn", "Siobhan", "Kenji", "Lucia", "Bartholomew"]
LAST = ["Okonkwo-Baker", "O'Sullivan", "D'Amico", "van der Berg", "de la Cruz", "McAllister", "Nguyen", "Szymanski",
        "Whitcombe", "Abernathy", "Fairweather", "Ravensworth", "St. Clair", "Delacroix-Moore"]
CITY = ["Ypsilanti", "Kalamazoo", "Reading", "Mobile", "Normal", "Hope", "Independence", "Paris", "Carmel", "Bloomington", "Chillicothe"]
ST = ["MI", "PA", "AL", "IL", "AR", "MO", "IN", "OH"]
STREET = ["Birchwood", "Quarry Hill", "Old Mill", "Tamarack", "Juniper", "Sycamore Ridge"]
FAC = ["Bayview Regional Medical Center", "St. Agatha's Hospital", "Cedar Crest Rehabilitation Center", "Millbrook Family Practice",
       "Harborview Skilled Nursing", "Sunrise Dialysis Unit", "Good Shepherd Hospice"]
EMP = ["Kellerman Tool & Die", "Brightline Logistics", "Maple Grove School District", "Ostrander Farms", "Walmart", "Tri-Valley Transit"]
REL = ["daughter", "son", "wife", "husband", "sister", "granddaughter", "nephew", "caller", "neighbor"]
MON = ["Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MONTH = ["January", "February", "March", "April", "June", "July", "August", "September", "October", "November", "December"]

def d(n): return "".join(rng.choice("0123456789") for _ in range(n))
def L(n): return "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(n))
def ph(k, t): return "{{%s:%s}}" % (k, t)
def kp(k, t): return "[[%s:%s]]" % (k, t)

def date_form():
    m, dd, y = rng.randint(1, 12), rng.randint(1, 28), rng.randint(2019, 2026)
    return rng.choice([
        f"{m}/{dd}/{y}", f"{m:02d}-{dd:02d}-{y}", f"{dd:02d}.{m:02d}.{y}", f"{y}-{m:02d}-{dd:02d}T{rng.randint(0,23):02d}:{rng.randint(0,59):02d}",
        f"{dd}-{MON[m % 11]}-{y}", f"{dd}{MON[m % 11].upper()}{y}", f"{MONTH[m % 11]} {dd}, {y}", f"{MON[m % 11]}. {dd}",
        f"{m}/{dd}", f"{y}{m:02d}{dd:02d}", f"{MONTH[m % 11]} {y}", f"the {dd}th"[:-2] + ("th" if dd > 3 else ["st", "nd", "rd"][dd - 1]) if False else f"{MONTH[m % 11]} {dd}",
    ])

def age_form():
    a = rng.randint(90, 104)
    return rng.choice([f"{a}-year-old", f"{a} y.o.", f"{a}yo", f"{a} yo", f"{a} years old", f"{a}F", f"{a} y/o"])

def age_labelled():
    a = rng.randint(90, 104)
    return rng.choice([("age ", str(a)), ("Age: ", str(a)), ("aged ", str(a))])

def name_full():
    return rng.choice([f"{rng.choice(FIRST)} {rng.choice(LAST)}", f"{rng.choice(FIRST)} {L(1)}. {rng.choice(LAST)}",
                       f"{rng.choice(FIRST_WORD)} {rng.choice(LAST)}"])

def note(i):
    first, last = rng.choice(FIRST), rng.choice(LAST)
    caps = f"{last.upper()}, {first.upper()} {L(1)}"
    rel, relname = rng.choice(REL), rng.choice(FIRST_WORD)
    city, st, z = rng.choice(CITY), rng.choice(ST), d(5)
    fac, emp = rng.choice(FAC), rng.choice(EMP)
    lab, lab2 = rng.choice(["age ", "Age: ", "aged "]), ""
    a1, a2 = age_labelled()
    doc = rng.choice(LAST)
    parts = [
        f"{ph('facility', fac)} - PROGRESS NOTE\nPATIENT: {ph('name', caps)}   MRN: {ph('identifier', d(8))}   FIN {ph('identifier', d(3) + ' ' + d(4) + ' ' + d(2))}\n",
        f"DOB: {ph('date', date_form())}   Visit: {ph('date', date_form())}\n",
        f"Address: {ph('location', d(4) + ' ' + rng.choice(['N', 'SW', 'E']) + ' ' + rng.choice(STREET) + ' ' + rng.choice(['Rd', 'Ave', 'Ln', 'Blvd']))}, "
        f"{ph('location', city)}, {st} {ph('zip', z)}\n",
        rng.choice([f"Mailing: {ph('location', 'PO Box ' + d(4))}\n", f"Mailing: {ph('location', 'RR ' + d(1) + ' Box ' + d(2))}\n"]),
        f"Home {ph('phone', '(' + d(3) + ') ' + d(3) + '-' + d(4))}, cell {ph('phone', d(10))}, fax {ph('phone', d(3) + '.' + d(3) + '.' + d(4))}\n",
        f"SSN {ph('identifier', d(3) + ' ' + d(2) + ' ' + d(4))}; Medicare MBI {ph('identifier', d(1) + L(2) + d(1) + '-' + L(2) + d(1) + '-' + L(2) + d(2))}; "
        f"DL# {ph('identifier', L(1) + d(4) + '-' + d(5))}; plate {ph('identifier', d(1) + L(3) + d(3))}\n\n",
        f"HPI: {ph('name', ('Mrs. ' if i % 2 else 'Mr. ') + last)} is a {ph('age', age_form())} with {kp('clinical', 'type 2 diabetes mellitus')} "
        f"and {kp('eponym', 'Parkinson disease')}, brought in by her {rel} {ph('name', relname)}. {ph('name', relname)} gave the history. "
        f"Last seen here {ph('date', str(rng.randint(1, 12)) + '/' + str(rng.randint(1, 28)))}; seen at {ph('facility', rng.choice(FAC))} on {ph('date', date_form())}. "
        f"Symptoms worse since {ph('date', rng.choice(MONTH))}.\n",
        f"Identifying info: {lab}{ph('age', a2)}. Other driver's {rng.choice(['daughter', 'son'])} {ph('name', rng.choice(FIRST_WORD))} called from {ph('location', rng.choice(CITY))} "
        f"(lives in {ph('location', rng.choice(CITY))}).\n",
        f"Social: works as a machinist at {ph('employer', emp)}; retired from {ph('employer', rng.choice(EMP))}. Email {ph('email', first.lower() + '.' + d(2) + '@example.org')}, "
        f"portal {ph('url', 'https://mychart.example-health.org/p/' + d(6))}, device IP {ph('ip', '10.' + str(rng.randint(0,255)) + '.' + str(rng.randint(0,255)) + '.' + str(rng.randint(1,254)))}.\n",
        f"Device: pacemaker serial {ph('identifier', L(3) + d(6) + L(1))}. Policy {ph('identifier', L(3) + d(9))}, group # {ph('identifier', d(6))}.\n\n",
        f"Exam: {kp('clinical', 'BP 132/78')}, {kp('clinical', 'HR 72')}, {kp('clinical', 'SpO2 96%')}. {kp('eponym', 'Romberg')} negative; "
        f"{kp('scale', 'Glasgow Coma Scale')} 15; {kp('scale', 'Braden')} 16; {kp('eponym', 'Murphy sign')} absent; {kp('clinical', '12-lead')} ECG sinus.\n",
        f"Meds: {kp('drug', 'metformin')} 500 mg BID, {kp('drug', 'Eliquis')} 5 mg BID, {kp('drug', 'carbidopa-levodopa')} {kp('clinical', '25/100')} TID.\n",
        f"Plan: {kp('scale', 'PHQ-9')} 7. {kp('eponym', 'Ann Arbor stage')} II history. Discussed with {ph('name', 'Dr. ' + doc)} and {ph('name', rng.choice(FIRST))} "
        f"(RN). Follow up {ph('date', date_form())}.\n",
        f"Signed: {ph('name', name_full())}, MD {ph('date', date_form())}\n-- {ph('name', L(1) + '. ' + rng.choice(LAST))}\n",
    ]
    rng.shuffle(parts[6:9])
    return "".join(parts)

def parse(marked, i):
    text, phi, keep, at = "", [], [], 0
    for m in re.finditer(r"\{\{(\w+):(.*?)\}\}|\[\[(\w+):(.*?)\]\]", marked):
        text += marked[at:m.start()]
        kind, value, target = (m.group(1), m.group(2), phi) if m.group(1) else (m.group(3), m.group(4), keep)
        target.append({"start": len(text), "end": len(text) + len(value), "kind": kind, "text": value})
        text += value
        at = m.end()
    text += marked[at:]
    return {"id": f"own-{i:03d}", "setting": ["outpatient", "inpatient", "emergency"][i % 3], "text": text, "phi": phi, "keep": keep}

for i in range(1, 49):
    print(json.dumps(parse(note(i), i), ensure_ascii=False))
