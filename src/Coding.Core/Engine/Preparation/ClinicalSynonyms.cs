using System.Collections.Frozen;

namespace Coding.Core.Engine.Preparation;

/// <summary>
/// Words notes use that the Alphabetic Index does not list, matched as the Index word they mean. A synonym keeps its own
/// key too ("painful" is still "painful", and also "pain"), so the Index terms written with the word itself ("Painful -
/// coitus") still match. Each entry is the Index's own convention or a cross reference it makes: "Lithiasis — see
/// Calculus", "Cardiopathy — see Disease, heart", "Nephroangiosclerosis" is Nephrosclerosis (I12.-, Hypertension,
/// kidney), "Neoformation", "neoplasia" are new growths (Neoplasm); and the clinical words of Spanish-trained clinicians
/// that translated case reports keep ("adenomegaly", "anemization", "hypertransaminasemia", "ulcus").
/// Keyed by <see cref="TermNormalizer.Key"/>, so plurals ("adenomegalies") need no entry of their own.
/// </summary>
public static class ClinicalSynonyms
{
    private static readonly FrozenDictionary<string, string[]> Synonyms = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // Index: "Adenopathy (lymph gland) R59.9"; adenomegaly is the enlargement of a (lymph) gland.
        ["adenomegaly"] = "adenopathy",
        ["anemization"] = "anemia",
        ["lithiasis"] = "calculus",
        ["ulcus"] = "ulcer",
        ["cardiopathy"] = "heart disease",
        ["nephroangiosclerosis"] = "nephrosclerosis",
        ["neoformation"] = "neoplasm",
        ["neoplasia"] = "neoplasm",
        // Index: "Elevated, elevation - transaminase (level) R74.01".
        ["hypertransaminasemia"] = "elevated transaminase",
        // Index: "Pallor R23.1", "Fever", "Pain(s)", "Swelling (of)": the notes' adjectives.
        ["pale"] = "pallor",
        ["febrile"] = "fever",
        ["feverish"] = "fever",
        ["painful"] = "pain",
        ["swollen"] = "swelling",
        // Index: "Bleeding (see also Hemorrhage)": "digestive bleeding" is a hemorrhage of the digestive tract.
        ["bleeding"] = "hemorrhage",
        ["bleed"] = "hemorrhage",
        // The Index's "see also" main terms that train notes use: "Deficit — see also Deficiency", "Malformation — see also
        // Anomaly", "Stricture — see also Stenosis", "Clot — see also Embolism", "Varices — see Varix", "Raised — see also
        // Elevated", "Thromboembolism — see Embolism", "Paresis — see also Paralysis", "Polyposis — see also Polyp",
        // "Thrombus — see Thrombosis".
        ["deficit"] = "deficiency", ["malformation"] = "anomaly", ["stricture"] = "stenosis", ["clot"] = "embolism",
        ["varices"] = "varix", ["raised"] = "elevated", ["thromboembolism"] = "embolism", ["paresis"] = "paralysis",
        ["polyposis"] = "polyp", ["thrombus"] = "thrombosis",
    }.Concat(NeoplasmMorphology.ColumnWords())
        .ToFrozenDictionary(e => TermNormalizer.Key(e.Key), e => new[] { TermNormalizer.Key(e.Key) }.Concat(e.Value.Split(' ').Select(TermNormalizer.Key)).ToArray(), StringComparer.Ordinal);

    /// <summary>The keys a word is matched on (its own key first), or null when it has no synonym.</summary>
    internal static string[]? ExpandToKeys(string key) => Synonyms.GetValueOrDefault(key);
}
