using System.Collections.Frozen;

namespace Coding.Core.Engine.Preparation;

/// <summary>
/// Abbreviations common enough in notes that missing them loses a diagnosis, and unambiguous enough in
/// lower case that expanding them rarely invents one. Ambiguous ones ("ca", "ms", "ra", "pt") stay out.
/// </summary>
public static class ClinicalAbbreviations
{
    private static readonly FrozenDictionary<string, string> Expansions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["htn"] = "hypertension",
        ["dm"] = "diabetes mellitus",
        ["dm1"] = "type 1 diabetes mellitus",
        ["dm2"] = "type 2 diabetes mellitus",
        ["t1dm"] = "type 1 diabetes mellitus",
        ["t2dm"] = "type 2 diabetes mellitus",
        ["iddm"] = "insulin dependent diabetes mellitus",
        ["niddm"] = "non insulin dependent diabetes mellitus",
        ["dka"] = "diabetic ketoacidosis",
        ["copd"] = "chronic obstructive pulmonary disease",
        ["chf"] = "congestive heart failure",
        ["hf"] = "heart failure",
        ["cad"] = "coronary artery disease",
        ["mi"] = "myocardial infarction",
        ["nstemi"] = "non st elevation myocardial infarction",
        ["stemi"] = "st elevation myocardial infarction",
        ["afib"] = "atrial fibrillation",
        ["a-fib"] = "atrial fibrillation",
        ["af"] = "atrial fibrillation",
        ["ckd"] = "chronic kidney disease",
        ["esrd"] = "end stage renal disease",
        ["aki"] = "acute kidney injury",
        ["uti"] = "urinary tract infection",
        ["uri"] = "upper respiratory infection",
        ["gerd"] = "gastroesophageal reflux disease",
        ["sob"] = "shortness of breath",
        ["doe"] = "dyspnea on exertion",
        ["cp"] = "chest pain",
        ["dvt"] = "deep vein thrombosis",
        ["pe"] = "pulmonary embolism",
        ["cva"] = "cerebrovascular accident",
        ["tia"] = "transient ischemic attack",
        ["osa"] = "obstructive sleep apnea",
        ["bph"] = "benign prostatic hyperplasia",
        ["hld"] = "hyperlipidemia",
        ["oa"] = "osteoarthritis",
        ["pvd"] = "peripheral vascular disease",
        ["pad"] = "peripheral arterial disease",
        ["aaa"] = "abdominal aortic aneurysm",
        ["gib"] = "gastrointestinal bleeding",
        ["ugib"] = "upper gastrointestinal bleeding",
        ["lgib"] = "lower gastrointestinal bleeding",
        ["pud"] = "peptic ulcer disease",
        ["ibs"] = "irritable bowel syndrome",
        ["ibd"] = "inflammatory bowel disease",
        ["sle"] = "systemic lupus erythematosus",
        ["hcv"] = "hepatitis c",
        ["hbv"] = "hepatitis b",
        ["tb"] = "tuberculosis",
        ["ards"] = "acute respiratory distress syndrome",
        ["mdd"] = "major depressive disorder",
        ["gad"] = "generalized anxiety disorder",
        ["adhd"] = "attention deficit hyperactivity disorder",
        ["ptsd"] = "post traumatic stress disorder",
        ["etoh"] = "alcohol",
        ["n/v"] = "nausea and vomiting",
        ["loc"] = "loss of consciousness",
        ["fx"] = "fracture",
        ["hx"] = "history",
        ["dx"] = "diagnosis",
        ["sx"] = "symptoms",
        ["cabg"] = "coronary artery bypass graft",
        ["lbp"] = "low back pain",
        ["ams"] = "altered mental status",
        ["ami"] = "acute myocardial infarction",
        ["sdh"] = "subdural hemorrhage",
        ["sah"] = "subarachnoid hemorrhage",
        ["crf"] = "chronic renal failure",
        ["arf"] = "acute renal failure",
        ["hcc"] = "hepatocellular carcinoma",
        ["avm"] = "arteriovenous malformation",
        ["gist"] = "gastrointestinal stromal tumor",
        ["crps"] = "complex regional pain syndrome",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string[]> ExpansionKeys =
        Expansions.ToFrozenDictionary(e => e.Key, e => e.Value.Split(' ').Select(TermNormalizer.Key).ToArray(), StringComparer.Ordinal);

    /// <summary>Abbreviations written with a slash or hyphen, which the tokenizer keeps as one token.</summary>
    internal static readonly string[] Compounds = ["a-fib", "n/v", "r/o", "s/p", "h/o", "c/o", "w/o", "y/o", "f/u", "b/l", "a/p", "a&p"];

    /// <summary>The expansion text of a folded abbreviation, or null.</summary>
    public static string? Expand(string folded) => Expansions.GetValueOrDefault(folded);

    // (length, first char, last char) of every abbreviation: most words fail this test and skip the hash lookup.
    private static readonly FrozenSet<int> Shapes = Expansions.Keys.Select(k => Shape(k.Length, k[0], k[^1])).ToFrozenSet();

    internal static string[]? ExpandToKeys(string folded) =>
        folded.Length > 0 && Shapes.Contains(Shape(folded.Length, folded[0], folded[^1])) ? ExpansionKeys.GetValueOrDefault(folded) : null;

    private static int Shape(int length, char first, char last) => (Math.Min(length, 255) << 16) | ((first & 0xFF) << 8) | (last & 0xFF);
}
