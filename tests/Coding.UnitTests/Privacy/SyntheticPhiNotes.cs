using System.Text.RegularExpressions;

namespace Coding.UnitTests.Privacy;

/// <summary>
/// Thirty made-up notes with every identifier marked as {{KIND:text}}; names, numbers and places are invented.
/// The marks are stripped to give the plain note and the labelled spans the de-identifier is measured against.
/// </summary>
internal static partial class SyntheticPhiNotes
{
    public sealed record Labelled(string Text, IReadOnlyList<(int Start, int End, string Kind, string Value)> Identifiers);

    public static readonly string[] Marked =
    [
        "Patient: {{NAME:John Whitaker}} MRN: {{MRN:00482913}} DOB: {{DATE:04/12/1958}}. Seen for follow-up of type 2 diabetes mellitus.",
        "{{NAME:Maria Gonzalez}} presented on {{DATE:March 3, 2026}} with chest pain. Troponin negative. Call back at {{PHONE:(617) 555-0142}}.",
        "Referred by Dr. {{NAME:Alan Brooks}} for CKD stage 3. Labs drawn {{DATE:2026-02-27}}. eGFR 44.",
        "Emergency contact: {{NAME:Susan Lee}}, daughter, {{PHONE:555-867-5309}}. Patient has COPD on tiotropium.",
        "Pt {{NAME:Robert Chen}} lives at {{ADDRESS:1428 Elm Street}}, {{ADDRESS:Springfield, IL 62704}}. Hypertension, on amlodipine.",
        "Email results to {{EMAIL:k.oneill@example.net}}. Hyperlipidemia, LDL 162. Started atorvastatin {{DATE:01/15/2026}}.",
        "SSN {{SSN:123-45-6789}} on file. Atrial fibrillation, rate controlled with metoprolol.",
        "Mrs. {{NAME:Patricia Nguyen}} is a {{AGE:92-year-old}} woman with hypothyroidism. TSH 3.1.",
        "Medical record number {{MRN:A7730215}}. Admitted {{DATE:12/30/2025}}, discharged {{DATE:01/04/2026}}. Pneumonia, right lower lobe.",
        "Seen by Dr. {{NAME:Kevin Walsh}} on {{DATE:Feb 9, 2026}}. Low back pain, no red flags.",
        "Member ID {{ID:XQH492817733}} with plan. Depression screening PHQ-9 of 14; sertraline continued.",
        "Portal message from {{EMAIL:mary.jones77@mailbox.example}} about reflux symptoms improving on omeprazole.",
        "{{NAME:David Kim}} ({{AGE:94 yo}}) fell at home {{DATE:11/02/2025}}. No fracture on imaging.",
        "Fax records to {{PHONE:(212) 555-0199}}. Obstructive sleep apnea, CPAP adherence good.",
        "Mother, {{NAME:Helen Carter}}, reports fever. Contact {{PHONE:617.555.0123}}. Urinary tract infection, started nitrofurantoin.",
        "Address: {{ADDRESS:77 Harbor View Road}}, {{ADDRESS:Portland, ME 04101}}. Obesity, BMI 36.",
        "Device serial number {{ID:SN4482-99812}} for pacemaker interrogation on {{DATE:2026-01-20}}. Normal function.",
        "Patient name: {{NAME:Ahmed Hassan}}. Chart #{{MRN:55120987}}. Coronary artery disease without angina.",
        "Husband {{NAME:Mark Ellison}} at bedside. Visit {{DATE:14 January 2026}}. Anemia of chronic disease.",
        "Signed by {{NAME:Jennifer Moss}}, NP on {{DATE:02/02/2026}}. Hypertension improved.",
        "Results posted at {{URL:https://portal.example-health.org/r/88412}}. Hemoglobin A1c 7.9 percent.",
        "Accessed from {{IP:10.24.118.7}} by the care team. Asthma, mild persistent.",
        "Ms. {{NAME:Grace Holloway}}, account {{ID:ACCT-77812345}}, insurance verified. Migraine without aura.",
        "{{NAME:Carlos Mendoza}} was seen {{DATE:Jan 28, 2026}} and again {{DATE:Feb 4, 2026}} for cellulitis of the left leg.",
        "Guardian {{NAME:Olga Petrova}} consents. Phone {{PHONE:+1 415 555 0177}}. Otitis media.",
        "Patient {{NAME:Emily Sanders}}, MRN {{MRN:7781-2290}}, {{AGE:101 years old}}, from nursing home. Pressure ulcer stage 2.",
        "PCP {{NAME:Thomas Reed}}. Follow up {{DATE:04/01/2026}}. Gout flare of the right great toe.",
        "Seen at {{ADDRESS:3100 Lakeshore Blvd}}, {{ADDRESS:Chicago, IL 60657}}. Chronic kidney disease stage 4.",
        "Daughter {{NAME:Linda Park}} ({{EMAIL:linda.park@example.org}}) asks about dementia care options.",
        "License {{ID:D1234-56789}} checked at registration. {{NAME:Brian Foster}} has GERD and hypertension.",
    ];

    public static IReadOnlyList<Labelled> All { get; } = Marked.Select(Parse).ToList();

    private static Labelled Parse(string marked)
    {
        var spans = new List<(int, int, string, string)>();
        var text = new System.Text.StringBuilder();
        var at = 0;
        foreach (Match m in Mark().Matches(marked))
        {
            text.Append(marked, at, m.Index - at);
            var value = m.Groups["value"].Value;
            spans.Add((text.Length, text.Length + value.Length, m.Groups["kind"].Value, value));
            text.Append(value);
            at = m.Index + m.Length;
        }
        text.Append(marked, at, marked.Length - at);
        return new Labelled(text.ToString(), spans);
    }

    [GeneratedRegex(@"\{\{(?<kind>[A-Z]+):(?<value>.*?)\}\}")]
    private static partial Regex Mark();
}
