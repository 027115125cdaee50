using System.Text.RegularExpressions;

namespace Coding.Core.Queries;

/// <summary>
/// The CDI rules of issue 21. Codes without dots, matched by prefix. Sources: the FY2026 ICD-10-CM Tabular List and
/// Official Guidelines (the code choices), MS-DRG v43 appendix C and CMS-HCC V28 (why the choice matters), and the
/// AHIMA/ACDIS "Guidelines for Achieving a Compliant Query Practice" (2022 update) for the wording: open or multiple
/// choice, no mention of payment, "other" and "unable to determine" always offered.
/// </summary>
public static class QueryRules
{
    public const string Other = "Other (please specify)";
    public const string UnableToDetermine = "Unable to determine";
    private const string Compliant = "AHIMA/ACDIS Guidelines for Achieving a Compliant Query Practice (2022 update)";

    public static readonly IReadOnlyList<QueryRule> All =
    [
        new("heart-failure", "Heart failure type and acuity", ["I509", "I5020", "I5030", "I5040"], ["I5021", "I5022", "I5023", "I5031", "I5032", "I5033", "I5041", "I5042", "I5043", "I5081"],
            ["I5021", "I5022", "I5023", "I5031", "I5032", "I5033", "I5041", "I5042", "I5043", "I5081", "I5082", "I5083", "I5084", "I5089"],
            "The record documents heart failure. Based on your clinical judgment, can the type and acuity be further specified?",
            ["Acute systolic (HFrEF)", "Chronic systolic (HFrEF)", "Acute on chronic systolic (HFrEF)", "Acute diastolic (HFpEF)", "Chronic diastolic (HFpEF)",
             "Acute on chronic diastolic (HFpEF)", "Combined systolic and diastolic, with acuity"],
            $"ICD-10-CM FY2026 Tabular I50 (I50.9 vs I50.2x-I50.4x); MS-DRG v43 appendix C (I50.21 MCC, I50.22 CC, I50.9 none); {Compliant}"),
        new("anemia", "Anemia type", ["D649"], ["D62", "D631", "D500", "D630", "D638", "D648"],
            ["D62", "D631", "D500", "D630", "D638", "D508", "D509", "D51", "D52", "D55", "D56", "D57", "D58", "D59", "D61", "D648"],
            "Anemia is documented. Based on your clinical judgment, can the type of anemia be further specified?",
            ["Acute blood loss anemia", "Chronic blood loss anemia", "Anemia in chronic kidney disease", "Anemia in neoplastic disease",
             "Iron deficiency anemia", "Anemia of chronic disease"],
            $"ICD-10-CM FY2026 Tabular D50-D64 (D64.9 unspecified); MS-DRG v43 appendix C (D62 CC); {Compliant}"),
        new("malnutrition", "Malnutrition severity", ["E46", "E639"], ["E40", "E41", "E42", "E43", "E44"],
            ["E40", "E41", "E42", "E43", "E440", "E441"],
            "Malnutrition is documented. Based on your clinical judgment and the nutrition assessment, can the severity be specified?",
            ["Severe protein-calorie malnutrition", "Moderate protein-calorie malnutrition", "Mild protein-calorie malnutrition"],
            $"ICD-10-CM FY2026 Tabular E40-E46; MS-DRG v43 appendix C (E43 MCC, E44.0 CC, E46 CC); {Compliant}"),
        new("encephalopathy", "Encephalopathy type", ["G9340"], ["G9341", "G9349", "G92", "I674", "G9344"],
            ["G9341", "G9349", "G92", "I674", "G9344"],
            "Encephalopathy is documented. Based on your clinical judgment, can the type be further specified?",
            ["Metabolic encephalopathy", "Toxic encephalopathy", "Hypertensive encephalopathy", "Septic encephalopathy"],
            $"ICD-10-CM FY2026 Tabular G93.4- and G92; MS-DRG v43 appendix C (G93.41 MCC, G93.40 MCC with more PDX exclusions); {Compliant}"),
        new("respiratory-failure", "Respiratory failure acuity", ["J969"], ["J960", "J961", "J962"], ["J960", "J961", "J962"],
            "Respiratory failure is documented. Based on your clinical judgment, can the acuity be specified?",
            ["Acute respiratory failure", "Chronic respiratory failure", "Acute on chronic respiratory failure"],
            $"ICD-10-CM FY2026 Tabular J96 (J96.9- unspecified); MS-DRG v43 appendix C (J96.0-/J96.2- MCC, J96.1- CC); {Compliant}"),
        new("sepsis-organ-dysfunction", "Sepsis and organ dysfunction", ["A40", "A41"], ["R652"], ["R6520", "R6521"],
            "Sepsis is documented. Based on your clinical judgment, is there associated acute organ dysfunction?",
            ["Sepsis with acute organ dysfunction (please name the organ dysfunction)", "Sepsis with septic shock", "Sepsis without acute organ dysfunction"],
            $"ICD-10-CM Official Guidelines FY2026 I.C.1.d (severe sepsis R65.2-); CMS-HCC V28; {Compliant}"),
        new("diabetes-control", "Diabetes with hyperglycemia or hypoglycemia", ["E119", "E109", "E139"], ["E1165", "E1065", "E1365", "E11649", "E11641", "E10649", "E10641"],
            ["E1165", "E1065", "E1365", "E11649", "E11641", "E10649", "E10641", "E13649", "E13641"],
            "Diabetes is documented with abnormal glucose values. Based on your clinical judgment, can the glucose status be specified?",
            ["Diabetes with hyperglycemia", "Diabetes with hypoglycemia", "Diabetes without hyperglycemia or hypoglycemia"],
            $"ICD-10-CM FY2026 Index 'Diabetes, uncontrolled' (code by hyperglycemia/hypoglycemia) and Tabular E11.6-; CMS-HCC V28; {Compliant}")
        {
            // Every E11.9 is not a gap: only a note that says the diabetes is out of control, or shows the glucose, is.
            NoteCue = new(@"uncontrolled|poorly controlled|out of control|hyperglyc|hypoglyc|\bA1c\b|glucose", RegexOptions.IgnoreCase),
        },
        new("ckd-stage", "Chronic kidney disease stage", ["N189"], ["N181", "N182", "N183", "N184", "N185", "N186"], ["N181", "N182", "N183", "N184", "N185", "N186"],
            "Chronic kidney disease is documented. Based on your clinical judgment and the GFR trend, can the stage be specified?",
            ["Stage 1", "Stage 2", "Stage 3a", "Stage 3b", "Stage 4", "Stage 5", "End-stage renal disease"],
            $"ICD-10-CM FY2026 Tabular N18 (N18.9 unspecified); MS-DRG v43 appendix C (N18.4-N18.5 CC, N18.6 MCC); CMS-HCC V28; {Compliant}"),
        new("depression", "Depression episode and severity", ["F329", "F32A", "F339"], ["F320", "F321", "F322", "F323", "F324", "F325", "F330", "F331", "F332", "F333", "F334"],
            ["F320", "F321", "F322", "F323", "F324", "F325", "F330", "F331", "F332", "F333", "F334"],
            "Depression is documented. Based on your clinical judgment, can the episode and severity be specified?",
            ["Major depressive disorder, single episode (mild / moderate / severe)", "Major depressive disorder, recurrent (mild / moderate / severe)",
             "In partial or full remission", "Other depressive disorder"],
            $"ICD-10-CM FY2026 Tabular F32-F33 (F32.9/F32.A unspecified); CMS-HCC V28 (major depression, moderate or severe); {Compliant}"),
        new("obesity-bmi", "Obesity class and BMI", ["E669"], ["E6601", "E662", "E6681", "Z683", "Z684"], ["E6601", "E662", "E66811", "E66812", "E66813", "Z683", "Z684"],
            "Obesity is documented. Based on your clinical judgment, can the obesity class and the BMI be specified?",
            ["Obesity class 1", "Obesity class 2", "Obesity class 3 (severe)", "Morbid obesity due to excess calories", "Obesity with alveolar hypoventilation"],
            $"ICD-10-CM FY2026 Tabular E66 (E66.81- classes) and Z68; Official Guidelines I.B.14 (BMI from clinicians other than the provider); CMS-HCC V28 (morbid obesity); {Compliant}"),
    ];

    /// <summary>
    /// The queries an encounter's suggested codes call for: one per rule whose unspecified code is suggested and whose
    /// specific codes are not already there (and, for a rule with a cue, whose note shows it: no note, no such query). Pure; codes with or without dots.
    /// </summary>
    public static IReadOnlyList<DraftQuery> Find(IEnumerable<string> suggestedCodes, string? note = null)
    {
        var codes = suggestedCodes.Select(c => c.Replace(".", "", StringComparison.Ordinal).ToUpperInvariant()).ToList();
        var drafts = new List<DraftQuery>();
        foreach (var rule in All)
        {
            if (codes.Any(c => rule.ResolvedBy.Any(r => c.StartsWith(r, StringComparison.Ordinal)))) continue;
            if (codes.FirstOrDefault(c => rule.Triggers.Any(t => c.StartsWith(t, StringComparison.Ordinal))) is not { } trigger) continue;
            if (rule.NoteCue is { } cue && (note is null || !cue.IsMatch(note))) continue;
            drafts.Add(new DraftQuery(rule.Id, rule.Topic, trigger, rule.Question, [.. rule.Options, Other, UnableToDetermine], rule.Source));
        }
        return drafts;
    }

    /// <summary>The rule whose specific codes include this (gold) code, if any.</summary>
    public static QueryRule? ForSpecific(string code)
    {
        var c = code.Replace(".", "", StringComparison.Ordinal).ToUpperInvariant();
        return All.FirstOrDefault(r => r.Specific.Any(s => c.StartsWith(s, StringComparison.Ordinal)));
    }
}
