namespace Coding.Core.Privacy;

/// <summary>
/// Clinical words the whitelist lacks, known by their form: no word list keeps up with drug names, procedure names
/// and the derived forms notes use ("Immunohistochemical", "Postoperatively", "Neuroimaging", "Levetiracetam"). A
/// capitalised one would otherwise be taken for a name, which damages the note without protecting anyone: none of
/// these forms is a personal name, place or other identifier of 45 CFR 164.514(b)(2)(i). Works on lower-case words.
/// </summary>
internal static class PhiMorphology
{
    /// <summary>
    /// Endings of procedures, conditions, specialties and drug stems (USAN): a word of seven letters or more that ends
    /// in one is clinical. Endings that surnames share ("-son", "-ley", "-ine") are left out.
    /// </summary>
    private static readonly string[] ClinicalEndings =
    [
        "ectomy", "ectomies", "otomy", "otomies", "ostomy", "ostomies", "oscopy", "oscopies", "oscopic", "ography", "ographic",
        "ographically", "ogram", "ograms", "oplasty", "orrhaphy", "opexy", "ologist", "ologists", "ological", "ologically",
        "ology", "ologies", "itis", "osis", "oses", "otic", "aemia", "emia", "emias", "algia", "opathy", "opathic", "omegaly",
        "plasia", "plastic", "trophy", "penia", "cytosis", "uria", "rrhea", "rrhoea", "genesis", "lysis", "lytic", "metry",
        "ectasis", "ectasia", "sclerosis", "stenosis", "plegia", "paresis", "kinesia", "phagia", "pnea", "pnoea", "tension",
        "mab", "mabs", "tinib", "ciclib", "rafenib", "pril", "sartan", "olol", "statin", "azole", "cillin", "mycin",
        "oxacin", "tidine", "prazole", "azepam", "azolam", "parin", "gliptin", "gliflozin", "glutide", "glinide", "previr",
        "asvir", "buvir", "navir", "tegravir", "vudine", "ciclovir", "platin", "rubicin", "taxel", "dronate", "semide",
        "thiazide", "dipine", "afil", "triptan", "setron", "lukast", "terol", "olone", "caine", "barbital", "cycline",
        "conazole", "fungin", "oxetine", "apine", "peridone", "etine", "pramine", "triptyline", "zepine", "gabalin",
        "racetam", "cetam", "tiapine", "sulfan", "mustine", "trexate", "ribine", "citabine", "uracil", "poetin", "grastim",
        "kinra", "cept", "parinux", "xaban", "gatran", "grel", "fibrate", "tropium", "sonide", "metasone", "nisolone",
        "cortisone", "profen", "fenac", "coxib", "oxicam", "adol", "morphone", "codone", "fentanil", "ipramide", "lamide",
        "cyclovir", "trigine", "pentin", "terodine", "nidine", "osin", "formin", "glipizide", "buride", "atadine", "tirizine",
        "yzine", "azine", "etamine", "oxone", "trexone", "olamine", "tiazem", "pamil", "darone", "oxin", "tadine", "mantine",
        "pezil", "stigmine", "dopa", "vastatin", "lutamide", "trozole", "relin", "rolimus", "phylline", "tropine", "curium",
        "curonium", "flurane", "bital", "zodone", "faxine", "pramide", "steride", "sterone", "estradiol", "vitamin", "bactam",
        "penem", "quine", "iatry", "iatric", "iatrics", "iatrist", "mectin", "bendazole", "actone", "thyronine", "icillin", "ogenic", "scopy", "graphy",
    ];

    /// <summary>
    /// Prefixes of clinical compounds: the rest, five letters or more, must be a known or clinical word. Short prefixes
    /// that surnames begin with ("de", "re", "un", "bi") are left out: "Dehaven" is not "de-" + "haven".
    /// </summary>
    private static readonly string[] ClinicalPrefixes =
    [
        "immuno", "histo", "anatomo", "neuro", "cardio", "gastro", "electro", "echo", "trans", "intra", "inter", "post",
        "pre", "anti", "hemo", "haemo", "hyper", "hypo", "peri", "endo", "micro", "macro", "radio", "pseudo", "supra",
        "retro", "poly", "oligo", "uro", "nephro", "hepato", "osteo", "arthro", "angio", "broncho", "pneumo", "psycho",
        "patho", "cyto", "onco", "dermato", "ophthalmo", "oto", "rhino", "laryngo", "encephalo", "myelo", "lympho", "leuko",
        "erythro", "thrombo", "chemo", "auto", "dys", "non", "sub", "infra", "extra", "multi", "hemi", "para", "contra",
        "semi", "ultra", "fibro", "antero", "postero", "latero", "medio", "dorso", "ventro", "cranio", "caudo", "oro", "naso",
        "tracheo", "histochemo", "chemo", "sero", "pyelo", "spleno", "pancreato", "cholangio", "cholecysto", "esophago", "sono", "litho", "myo", "cysto", "colpo",
        "hystero", "laparo", "thoraco", "entero", "colo", "procto", "spondylo", "vaso", "veno", "arterio", "lipo",
    ];

    /// <summary>Derivations: the word less the suffix (plus the replacement) must be known ("Postoperatively").</summary>
    private static readonly (string Suffix, string Stem)[] Derivations =
    [
        ("ically", "ic"), ("ically", "ical"), ("ally", "al"), ("ly", ""), ("al", ""), ("ical", "y"), ("ic", "y"), ("ies", "y"),
        ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"), ("ation", "e"), ("ations", "e"),
        ("ness", ""), ("ity", "e"), ("ive", "e"), ("graphic", "graphy"), ("scopic", "scopy"),
    ];

    public static bool IsClinical(string w) => w.Length >= 7 && (HasEnding(w) || Derived(w) || Compound(w));

    private static bool HasEnding(string w)
    {
        foreach (var e in ClinicalEndings)
            if (w.Length >= e.Length + 2 && w.EndsWith(e, StringComparison.Ordinal))
                return true;
        return false;
    }

    private static bool Derived(string w)
    {
        foreach (var (suffix, stem) in Derivations)
        {
            if (w.Length - suffix.Length < 5 || !w.EndsWith(suffix, StringComparison.Ordinal))
                continue;
            var root = string.Concat(w.AsSpan(0, w.Length - suffix.Length), stem);
            if (PhiVocabulary.Known.Contains(root) || HasEnding(root))
                return true;
        }
        return false;
    }

    /// <summary>Prefix + known rest, or prefix + prefix + known rest ("Immuno-histo-chemical"); the rest four letters or more.</summary>
    private static bool Compound(string w, int depth = 0)
    {
        foreach (var p in ClinicalPrefixes)
        {
            if (w.Length - p.Length < 4 || !w.StartsWith(p, StringComparison.Ordinal))
                continue;
            var rest = w[p.Length..];
            if (PhiVocabulary.Known.Contains(rest) || rest.Length >= 5 && (HasEnding(rest) || Derived(rest)) || depth == 0 && Compound(rest, 1))
                return true;
        }
        return false;
    }
}
