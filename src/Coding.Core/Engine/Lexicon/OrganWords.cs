using System.Collections.Frozen;

namespace Coding.Core.Engine.Lexicon;

/// <summary>
/// Latin/Greek adjectives and the organ nouns they stand for. Notes say "renal carcinoma", "hepatic cyst"; the Index
/// and Neoplasm Table often say "kidney", "liver" (and the reverse). Both sides are compared on the noun: term keys
/// through <see cref="TermKeys"/>, note tokens through <see cref="Candidates.TermMatcher"/>.
/// </summary>
public static class OrganWords
{
    private static readonly FrozenDictionary<string, string> ToNoun = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["renal"] = "kidney", ["nephric"] = "kidney", ["hepatic"] = "liver", ["pulmonary"] = "lung", ["cardiac"] = "heart",
        ["gastric"] = "stomach", ["cerebral"] = "brain", ["ocular"] = "eye", ["cutaneous"] = "skin", ["dermal"] = "skin",
        ["vesical"] = "bladder", ["osseous"] = "bone", ["splenic"] = "spleen", ["pancreatic"] = "pancreas",
        ["colonic"] = "colon", ["rectal"] = "rectum", ["uterine"] = "uterus", ["ovarian"] = "ovary", ["testicular"] = "testis",
        ["prostatic"] = "prostate", ["thyroidal"] = "thyroid", ["adrenal"] = "adrenal", ["esophageal"] = "esophagus",
        ["oesophageal"] = "esophagus", ["duodenal"] = "duodenum", ["gingival"] = "gum", ["lingual"] = "tongue",
        ["laryngeal"] = "larynx", ["tracheal"] = "trachea", ["bronchial"] = "bronchus", ["pleural"] = "pleura",
        ["peritoneal"] = "peritoneum", ["mammary"] = "breast", ["ureteral"] = "ureter", ["urethral"] = "urethra",
        ["vaginal"] = "vagina", ["vulvar"] = "vulva", ["cervical"] = "cervical", ["orbital"] = "orbit", ["nasal"] = "nose",
        ["oral"] = "mouth", ["biliary"] = "bile", ["ileal"] = "ileum", ["jejunal"] = "jejunum", ["cecal"] = "cecum",
        ["appendiceal"] = "appendix", ["femoral"] = "femur", ["tibial"] = "tibia", ["humeral"] = "humerus",
        ["vertebral"] = "vertebra", ["spinal"] = "spine", ["retinal"] = "retina", ["corneal"] = "cornea",
        ["conjunctival"] = "conjunctiva", ["choroidal"] = "choroid", ["scleral"] = "sclera", ["iridal"] = "iris",
        ["lymphatic"] = "lymph", ["nodal"] = "node", ["venous"] = "vein", ["arterial"] = "artery", ["aortic"] = "aorta",
        ["muscular"] = "muscle", ["articular"] = "joint", ["synovial"] = "synovium", ["mandibular"] = "mandible",
        ["maxillary"] = "maxilla", ["parotid"] = "parotid", ["gallbladder"] = "gallbladder", ["cholecystic"] = "gallbladder",
        ["abdominal"] = "abdomen", ["thoracic"] = "thorax", ["pelvic"] = "pelvis", ["intestinal"] = "intestine",
        ["inguinal"] = "groin", ["axillary"] = "axilla", ["facial"] = "face", ["palpebral"] = "eyelid",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static string Canonical(string key) => ToNoun.TryGetValue(key, out var noun) ? noun : key;

    private static readonly FrozenSet<string> Nouns = ToNoun.Values
        .Concat(["anus", "anal", "abdomen", "chest", "head", "neck", "face", "hand", "foot", "arm", "leg", "knee", "hip", "shoulder", "back", "ear", "throat", "lip", "tooth", "teeth", "nail", "hair", "scalp", "penis", "scrotum", "nerve", "vessel", "gland", "node", "lymph", "body", "right", "left"])
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// True when every key names a body site (an organ noun or its adjective, a body region, a side): such a term
    /// ("rectum", "kidney right", "tongue") says where, not what; the Index reaches it through a generic head (disease,
    /// lesion, disorder) that is not required.
    /// </summary>
    public static bool OnlySites(IEnumerable<string> keys)
    {
        var any = false;
        foreach (var key in keys)
        {
            if (!Nouns.Contains(Canonical(key)))
                return false;
            any = true;
        }
        return any;
    }
}
