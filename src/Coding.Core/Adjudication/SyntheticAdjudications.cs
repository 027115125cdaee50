using Coding.Core.Encounters;
using Coding.Core.Suggestions;

namespace Coding.Core.Adjudication;

/// <summary>
/// Made-up encounters with candidate sets of varying size, for the model benchmark and the model tests. No real
/// patient text: every sentence is written here.
/// </summary>
public static class SyntheticAdjudications
{
    private static readonly (string Code, string Description, string Sentence)[] Pool =
    [
        ("E11.9", "Type 2 diabetes mellitus without complications", "Type 2 diabetes is well controlled on metformin."),
        ("I10", "Essential (primary) hypertension", "Blood pressure remains elevated; hypertension continues on lisinopril."),
        ("J44.9", "Chronic obstructive pulmonary disease, unspecified", "COPD with stable dyspnea on exertion."),
        ("N18.3", "Chronic kidney disease, stage 3 (moderate)", "CKD stage 3 with eGFR of 45."),
        ("E78.5", "Hyperlipidemia, unspecified", "Hyperlipidemia treated with atorvastatin."),
        ("I48.91", "Unspecified atrial fibrillation", "Irregularly irregular rhythm consistent with atrial fibrillation."),
        ("J18.9", "Pneumonia, unspecified organism", "Chest x-ray shows right lower lobe pneumonia."),
        ("M54.5", "Low back pain", "She reports low back pain for two weeks."),
        ("F32.9", "Major depressive disorder, single episode, unspecified", "Depression screening positive; depressed mood most days."),
        ("K21.9", "Gastro-esophageal reflux disease without esophagitis", "Reflux symptoms improved with omeprazole."),
        ("E03.9", "Hypothyroidism, unspecified", "Hypothyroidism on levothyroxine, TSH normal."),
        ("I25.10", "Atherosclerotic heart disease of native coronary artery without angina pectoris", "Known coronary artery disease without angina."),
        ("G47.33", "Obstructive sleep apnea (adult) (pediatric)", "Obstructive sleep apnea, uses CPAP nightly."),
        ("N39.0", "Urinary tract infection, site not specified", "Urinalysis positive; treating urinary tract infection."),
        ("R07.9", "Chest pain, unspecified", "Intermittent chest pain, troponin negative."),
        ("E66.9", "Obesity, unspecified", "BMI 34, obesity counselled on diet."),
    ];

    private static readonly string[] Filler =
    [
        "Patient seen in clinic today for follow-up.",
        "Vital signs reviewed.",
        "No known drug allergies.",
        "Denies fever or chills.",
        "Plan discussed with the patient, who agrees.",
        "Return in three months.",
    ];

    public static AdjudicationRequest Create(int seed, int candidates = 4)
    {
        var random = new Random(seed);
        var picked = Pool.OrderBy(_ => random.Next()).Take(Math.Clamp(candidates, 1, Pool.Length)).ToList();
        var texts = picked.Select(p => p.Sentence).Concat(Filler.OrderBy(_ => random.Next()).Take(3)).OrderBy(_ => random.Next()).ToList();
        var sentences = new List<NoteSentence>();
        var at = 0;
        for (var i = 0; i < texts.Count; i++)
        {
            sentences.Add(new NoteSentence(i, texts[i], at, at + texts[i].Length));
            at += texts[i].Length + 1;
        }
        var candidateCodes = picked.Select(p => new CandidateCode(
            CodeSystem.Icd10Cm, p.Code, p.Description, Math.Round(0.4 + random.NextDouble() * 0.6, 2),
            [texts.IndexOf(p.Sentence)])).ToList();
        var guidelines = new List<GuidelineSnippet>
        {
            new("I.B.4", "Signs and symptoms that are routinely associated with a disease process should not be assigned as additional codes."),
            new("IV.J", "Code all documented conditions that coexist at the time of the encounter and require or affect patient care."),
        };
        return new AdjudicationRequest(new Guid(random.Next(), 0, 0, new byte[8]), CareSetting.Outpatient, new DateOnly(2026, 3, 14), sentences, candidateCodes, guidelines);
    }
}
