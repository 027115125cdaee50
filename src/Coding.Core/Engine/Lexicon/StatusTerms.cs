using System.Globalization;
using Coding.Core.Codebooks;

namespace Coding.Core.Engine.Lexicon;

/// <summary>
/// Hand-written phrases for history and status Z codes (and tobacco and alcohol use), written the way notes say them. The Index reaches these codes
/// only through "History, personal (of)", "Status (post)", "Long-term (current) drug therapy (use of)", wording a
/// note rarely uses: it says "ex-smoker", "hysterectomized", "on hemodialysis", "treated with acenocoumarol". Every
/// phrase follows an ICD-10-CM convention, not training data: a former smoker is Z87.891 (Index: History, personal,
/// nicotine dependence), a drug the patient takes as ongoing treatment is its Z79 code (Guidelines I.C.21.c.3), a
/// removed organ is its Z90 acquired absence, dialysis dependence Z99.2. Gestational age (Z3A) is written as a number
/// of weeks. Whether such a mention is coded on a given note is still the ranker's decision, and the assertion gate
/// still applies (a negated "no hemodialysis" yields nothing; a historical mention may support these codes).
/// </summary>
public static class StatusTerms
{
    /// <summary>
    /// Ids far above any database identity, so provenance can tell a hand-written term from a codebook term, and below
    /// 2^53 so a JSON reader that parses numbers as doubles keeps them exact.
    /// </summary>
    public const long FirstId = 1_000_000_000_000;

    private static readonly (string Code, string[] Phrases)[] Phrases =
    [
        ("Z87891", ["ex-smoker", "ex smoker", "exsmoker", "former smoker", "quit smoking", "stopped smoking", "smoking cessation", "former tobacco"]),
        ("Z90710", ["hysterectomized", "status post hysterectomy", "total hysterectomy"]),
        ("Z90722", ["bilateral oophorectomy", "bilateral adnexectomy", "double adnexectomy"]),
        ("Z90721", ["unilateral oophorectomy", "unilateral adnexectomy"]),
        ("Z9081", ["splenectomized", "status post splenectomy", "splenectomy"]),
        ("Z905", ["status post nephrectomy", "nephrectomized", "nephrectomy"]),
        ("Z9049", ["appendectomized", "cholecystectomized", "cholecystectomy"]),
        ("Z903", ["gastrectomy", "gastrectomized"]),
        // Index: "Allergy, status (to) - penicillin" Z88.0; "History, personal, irradiation" Z92.3.
        ("Z880", ["penicillin allergy", "allergic penicillin", "allergy penicillin", "pcn allergy", "allergic pcn", "anaphylaxis penicillin",
            "penicillin anaphylaxis", "pcn anaphylaxis"]),
        ("Z923", ["radiotherapy", "radiation therapy"]),
        ("Z992", ["hemodialysis program", "on hemodialysis", "chronic hemodialysis", "periodic hemodialysis", "on dialysis", "dialysis program"]),
        // Index: "Dependence (on), supplemental oxygen" Z99.81: oxygen the patient lives on, at home or around the clock.
        ("Z9981", ["home oxygen", "supplemental oxygen therapy", "home o2", "oxygen continuously", "o2 continuously", "continuous oxygen",
            "nocturnal oxygen", "oxygen at home", "o2 at home"]),
        ("Z7901", ["anticoagulated", "anticoagulant therapy", "anticoagulant treatment", "acenocoumarol", "sintrom", "warfarin", "dicoumarin"]),
        ("Z7902", ["antiplatelet therapy", "antiplatelet treatment", "antiaggregant", "clopidogrel"]),
        ("Z794", ["insulin therapy", "insulin treatment", "treated with insulin", "treatment with insulin"]),
        ("Z7952", ["prednisone", "chronic corticosteroid", "corticosteroid treatment", "steroid treatment", "corticodependent", "steroid dependent"]),
        ("Z7982", ["acetylsalicylic acid", "aspirin"]),
        ("Z7984", ["metformin", "oral antidiabetic", "oral antidiabetics", "oral hypoglycemic", "oral hypoglycemics"]),
        ("Z791", ["nsaid treatment", "nsaids"]),
        ("Z7983", ["bisphosphonate", "bisphosphonates"]),
        ("Z951", ["aortocoronary bypass", "coronary bypass"]),
        ("Z952", ["prosthetic valve", "valve prosthesis", "mechanical valve", "valve replacement"]),
        ("Z950", ["pacemaker carrier", "pacemaker"]),
        // Index: "Smoker — see Dependence, drug, nicotine" (F17.20-), cigarettes F17.21-; "Alcoholism" F10.20. A
        // former smoker never reaches these: "ex", "former" make the mention historical, and only Z87.891 takes it.
        ("F17200", ["smoker", "smoking habit", "tobacco habit", "tobacco use", "active smoking"]),
        ("F17210", ["cigarette smoker", "smoker cigarettes", "smokes cigarettes", "cigarettes day", "cigarettes per day", "pack year", "packs year"]),
        // Index: "Dependence, drug, nicotine - chewing tobacco" F17.22-, "- specified product NEC" F17.29- (e-cigarettes,
        // cigars and cigarillos, pipes: nicotine products that are neither cigarettes nor chewed).
        ("F17220", ["chewing tobacco", "chews tobacco", "smokeless tobacco", "dipping tobacco", "uses snuff"]),
        ("F17290", ["vapes nicotine", "nicotine vaping", "vaping nicotine", "e-cigarette", "e-cigarettes", "electronic cigarette", "vape pen",
            "smokes cigars", "cigar smoker", "cigarillos", "pipe smoker", "smokes a pipe"]),
        ("F1020", ["enolism", "chronic enolism"]),
        // Index: "Drinking (alcohol), excessive, to excess NEC (without dependence)" F10.10.
        ("F1010", ["heavy drinker", "heavy drinking", "excessive drinking", "excessive alcohol", "alcoholic habit", "enolic habit", "drinker"]),
    ];

    /// <summary>
    /// The drugs US notes list by name, by the class the Index's "Long-term (current) drug therapy (use of)" names
    /// (Guidelines I.C.21.c.3: a drug the patient takes as ongoing treatment; an ED dose is not long-term use, which the
    /// ranker learns from each phrase's train prior). Generic and common US brand names. Claims policy only
    /// (<see cref="TermLexiconProvider"/>): the findings lexicon and its CodiEsp priors stay as they were learned.
    /// </summary>
    private static readonly (string Code, string[] Phrases)[] DrugPhrases =
    [
        ("Z7901", ["apixaban", "eliquis", "rivaroxaban", "xarelto", "dabigatran", "pradaxa", "edoxaban", "enoxaparin", "lovenox", "coumadin"]),
        ("Z7902", ["prasugrel", "ticagrelor", "brilinta", "plavix", "cilostazol"]),
        ("Z794", ["insulin glargine", "glargine", "lantus", "basaglar", "insulin lispro", "humalog", "insulin aspart", "novolog", "detemir", "levemir",
            "degludec", "tresiba", "nph insulin", "basal insulin", "basal bolus insulin", "on insulin"]),
        ("Z7984", ["glipizide", "glimepiride", "glyburide", "pioglitazone", "sitagliptin", "januvia", "linagliptin", "empagliflozin", "jardiance",
            "dapagliflozin", "farxiga", "canagliflozin", "saxagliptin"]),
        ("Z7985", ["semaglutide", "ozempic", "liraglutide", "victoza", "dulaglutide", "trulicity", "tirzepatide", "mounjaro", "exenatide"]),
        ("Z7982", ["baby aspirin", "asa 81", "aspirin 81"]),
        ("Z7983", ["alendronate", "fosamax", "risedronate", "ibandronate", "zoledronic acid"]),
        ("Z79891", ["oxycodone", "hydrocodone", "chronic opioid therapy", "long term opioid"]),
        ("Z7951", ["inhaled corticosteroid", "fluticasone", "budesonide", "advair", "symbicort"]),
        ("Z79810", ["tamoxifen", "raloxifene"]),
        ("Z79811", ["anastrozole", "letrozole", "exemestane", "aromatase inhibitor"]),
        ("Z79620", ["adalimumab", "humira", "infliximab", "etanercept", "ustekinumab", "vedolizumab"]),
        ("Z79621", ["tacrolimus", "cyclosporine"]),
        ("Z79622", ["tofacitinib", "upadacitinib", "baricitinib"]),
        ("Z79624", ["mycophenolate", "azathioprine"]),
        ("Z79631", ["methotrexate"]),
        ("Z793", ["oral contraceptive", "oral contraceptives"]),
        ("Z79890", ["hormone replacement therapy"]),
        // Index: "Status (post) - angioplasty (peripheral) - coronary artery - with implant" Z95.5; "Vaccination (encounter
        // for)" Z23 — the words US notes write for them.
        ("Z955", ["coronary stent", "coronary stents", "drug eluting stent", "pci with stent", "stent to the lad", "stent to the rca", "stent to the lcx"]),
        ("Z23", ["vaccine administered", "vaccine given", "vaccination given", "immunization given", "immunization administered"]),
        // External Cause Index entries for the mechanisms ED notes tell as a story: "Fall, falling - same level - from
        // slipping, tripping, stumbling" W01.0-, "- from, off, out of - roof" W13.2-, "- ladder" W11, "- bed" W06;
        // "Contact (with) - knife" W26.0-; "Pedestrian - on foot - collision with car (traffic)" V03.10-; "Submersion -
        // swimming pool" W67. The 7th character follows the encounter (EncounterCharacter); whether a cause is reported
        // beside its injury is the claims rules' call (I.C.20).
        ("W010XXA", ["slipped and fell", "slipped on ice", "slipped on the ice", "slipped on a wet floor", "tripped and fell", "tripped over", "stumbled and fell"]),
        ("W132XXA", ["fell from the roof", "fell off the roof", "fell from a roof", "fell off a roof"]),
        ("W11XXXA", ["fell from a ladder", "fell off a ladder", "fell from the ladder", "fell off the ladder"]),
        ("W06XXXA", ["fell out of bed", "fell from bed", "rolled out of bed"]),
        ("W260XXA", ["knife slipped", "cut with a knife", "cut himself with a knife", "cut herself with a knife"]),
        ("V0310XA", ["pedestrian struck by a car", "pedestrian struck by a vehicle", "pedestrian struck by vehicle", "pedestrian struck by car"]),
        ("W67XXXA", ["submersion in pool", "submersion in a pool", "drowning in a pool", "found in the pool", "swimming pool submersion"]),
    ];

    /// <summary>Ids of the drug phrases: a range of their own, so adding them leaves every other term's id as it was.</summary>
    public const long FirstDrugId = FirstId + 500_000;

    /// <summary>The long-term drug and US status phrases as lexicon terms (claims policy).</summary>
    public static IEnumerable<LexiconTerm> DrugTerms()
    {
        var id = FirstDrugId;
        foreach (var (code, phrases) in DrugPhrases)
        {
            foreach (var phrase in phrases)
                yield return new LexiconTerm(id++, code, TermKind.Inclusion, phrase);
        }
        // Gestational age as US obstetric notes write it ("G2P1001 @ 31w4d", "GA 24w1d", "10 weeks 3 days"): Z3A.NN is the
        // completed weeks (Tabular, Chapter 15: "use additional code from category Z3A ... to identify the specific week").
        for (var weeks = 10; weeks <= 42; weeks++)
        {
            var code = "Z3A" + weeks.ToString(CultureInfo.InvariantCulture);
            for (var days = 0; days <= 6; days++)
            {
                yield return new LexiconTerm(id++, code, TermKind.Inclusion, FormattableString.Invariant($"{weeks}w{days}d"));
                yield return new LexiconTerm(id++, code, TermKind.Inclusion, FormattableString.Invariant($"{weeks} weeks {days} days"));
            }
        }
    }

    /// <summary>The phrases as lexicon terms (inclusion-like: matched as a whole, in any order, like a title).</summary>
    public static IEnumerable<LexiconTerm> Terms()
    {
        var id = FirstId;
        foreach (var (code, phrases) in Phrases)
        {
            foreach (var phrase in phrases)
                yield return new LexiconTerm(id++, code, TermKind.Inclusion, phrase);
        }
        // "at 38 weeks of gestation", "38 weeks pregnant": Z3A.NN is the completed weeks written in the note.
        for (var weeks = 8; weeks <= 42; weeks++)
        {
            var code = "Z3A" + weeks.ToString(CultureInfo.InvariantCulture);
            yield return new LexiconTerm(id++, code, TermKind.Inclusion, $"{weeks} weeks gestation");
            yield return new LexiconTerm(id++, code, TermKind.Inclusion, $"{weeks} weeks pregnant");
        }
        // "BMI 17.7", "body mass index (BMI) of 41": Z68 is the value written in the note (adult ranges; Guidelines
        // I.B.14 let the BMI come from any clinician's note, and the ranker learns when it is reported).
        foreach (var (value, code) in BodyMassIndexValues())
        {
            yield return new LexiconTerm(id++, code, TermKind.Inclusion, $"BMI {value}");
            yield return new LexiconTerm(id++, code, TermKind.Inclusion, $"body mass index {value}");
        }
    }

    /// <summary>Every BMI value a note writes, 10 to 79.9 with one decimal (point or comma), and its adult Z68 code.</summary>
    public static IEnumerable<(string Value, string Code)> BodyMassIndexValues()
    {
        for (var whole = 10; whole < 80; whole++)
        {
            var code = whole switch
            {
                < 20 => "Z681",
                < 40 => "Z68" + whole.ToString(CultureInfo.InvariantCulture),
                < 45 => "Z6841",
                < 50 => "Z6842",
                < 60 => "Z6843",
                < 70 => "Z6844",
                _ => "Z6845",
            };
            yield return (whole.ToString(CultureInfo.InvariantCulture), code);
            for (var tenth = 0; tenth < 10; tenth++)
            {
                yield return (FormattableString.Invariant($"{whole}.{tenth}"), code);
                yield return (FormattableString.Invariant($"{whole},{tenth}"), code);
            }
        }
    }
}
