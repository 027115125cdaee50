using Coding.Core.Engine.Candidates;
using Coding.Core.Engine.Lexicon;

namespace Coding.Core.Engine.Claims;

/// <summary>
/// Combination codes the "with" convention presumes (Guidelines I.A.15): the Index lists conditions under "with" that are
/// linked unless the provider documents another cause, so two coded conditions become the combination code and the
/// codes its Tabular note asks to use additionally stay.
/// <list type="bullet">
/// <item>Hypertension with heart failure → I11.0, with CKD → I12.-, with both → I13.- (I.C.9.a.1-3); I50.- and N18.- stay.</item>
/// <item>Diabetes with CKD → E1x.22 (+ N18.-), with polyneuropathy → E1x.42, mononeuropathy → E1x.41, autonomic neuropathy
/// or gastroparesis → E1x.43, peripheral angiopathy → E1x.51, hyperglycemia → E1x.65, hypoglycemia → E1x.649, foot
/// ulcer → E1x.621 (+ L97.-), retinopathy → E1x.319 (I.C.4.a: as many codes as describe the complications).</item>
/// <item>COPD with a pneumonia or acute lower respiratory infection → J44.0, the infection coded also (Tabular J44.0).</item>
/// </list>
/// </summary>
internal static class Combinations
{
    /// <summary>Diabetes complication: the coded condition's prefix, the diabetes subcategory it makes, whether its own code stays.</summary>
    private static readonly (string Prefix, string Suffix, bool Stays)[] Diabetic =
    [
        ("N18", "22", true), ("N08", "21", false), ("G62", "42", false), ("G61", "42", false), ("G63", "42", false), ("G60", "42", false),
        ("G56", "41", false), ("G57", "41", false), ("G58", "41", false), ("G90", "43", false), ("K3184", "43", true),
        ("I739", "51", false), ("R739", "65", false), ("E162", "649", false), ("E161", "649", false), ("L97", "621", true),
        ("H350", "319", false), ("M1467", "610", false), ("M1468", "610", false),
    ];

    /// <summary>Angina coded beside atherosclerotic heart disease of a native coronary artery, and the I25.11- code they make.</summary>
    private static readonly (string Angina, string Combined)[] AnginaTypes =
        [("I200", "I25110"), ("I201", "I25111"), ("I202", "I25112"), ("I2081", "I25118"), ("I2089", "I25118"), ("I209", "I25119")];

    public static void Apply(List<Candidate> kept, Func<Candidate, bool> coded, Action<Candidate, string, string?, string> remove, TermLexicon lexicon, double threshold)
    {
        Hypertension(kept, coded, remove, lexicon, threshold);
        Diabetes(kept, coded, remove, lexicon, threshold);
        CoronaryDiseaseWithAngina(kept, coded, remove, lexicon, threshold);
        AcuteOnChronic(kept, coded, remove, lexicon, threshold, "I502", "I503", "I504");
        AcuteOnChronic(kept, coded, remove, lexicon, threshold, "J96");
        CopdWithLowerRespiratoryInfection(kept, coded, remove, lexicon, threshold);
    }

    /// <summary>
    /// "J44.0 Chronic obstructive pulmonary disease with (acute) lower respiratory infection — Code also to identify the
    /// infection" (Tabular; Index: "Disease, lung, obstructive (chronic), with, lower respiratory infection"): COPD coded
    /// beside a pneumonia (J12-J18) or an acute bronchitis or lower respiratory infection (J20-J22) is J44.0, and the
    /// infection stays. J44.1 (exacerbation) stays too (its Excludes2 lets both be coded); J44.9 says nothing J44.0 does not.
    /// </summary>
    private static void CopdWithLowerRespiratoryInfection(List<Candidate> kept, Func<Candidate, bool> coded, Action<Candidate, string, string?, string> remove, TermLexicon lexicon, double threshold)
    {
        var copd = kept.Where(c => coded(c) && c.Code.StartsWith("J44", StringComparison.Ordinal)).ToList();
        var infection = kept.Where(c => coded(c) && c.Code[..3] is "J12" or "J13" or "J14" or "J15" or "J16" or "J17" or "J18" or "J20" or "J21" or "J22")
            .OrderByDescending(c => c.Confidence).FirstOrDefault();
        if (copd.Count == 0 || infection is null || Combine(kept, "J440", lexicon, threshold, [copd.OrderByDescending(c => c.Confidence).First(), infection]) is not { } combined)
            return;
        foreach (var plain in copd.Where(c => c.Code == "J449"))
            remove(plain, "combination", combined.Code, "COPD with a lower respiratory infection is J44.0, with the infection coded also (Tabular J44.0)");
    }

    /// <summary>
    /// "ICD-10-CM has combination codes for atherosclerotic heart disease with angina pectoris ... It is not necessary to
    /// use a separate code for angina when both conditions are present; a causal relationship can be assumed" (I.C.9.b):
    /// coronary atherosclerosis of a native artery (I25.10, "without angina") and coded angina make I25.11-.
    /// </summary>
    private static void CoronaryDiseaseWithAngina(List<Candidate> kept, Func<Candidate, bool> coded, Action<Candidate, string, string?, string> remove, TermLexicon lexicon, double threshold)
    {
        var coronary = kept.FirstOrDefault(c => coded(c) && c.Code == "I2510");
        var combined = kept.FirstOrDefault(c => coded(c) && c.Code.StartsWith("I2511", StringComparison.Ordinal));
        var angina = kept.Where(c => coded(c) && c.Code.StartsWith("I20", StringComparison.Ordinal)).OrderByDescending(c => c.Confidence).FirstOrDefault();
        if (combined is null && (coronary is null || angina is null))
            return;
        if (combined is null)
        {
            var code = AnginaTypes.FirstOrDefault(t => t.Angina == angina!.Code).Combined;
            combined = code is null ? null : Combine(kept, code, lexicon, threshold, [coronary, angina]);
            if (combined is null)
                return;
        }
        foreach (var part in kept.Where(c => coded(c) && (c.Code == "I2510" || c.Code.StartsWith("I20", StringComparison.Ordinal))).ToList())
            remove(part, "combination", combined.Code, $"coronary atherosclerosis with angina is one code, {combined.Code} (I.C.9.b)");
    }

    /// <summary>
    /// One condition, one code (I.B.2-3): the Index reads an acute and a chronic form of one failure together ("Failure,
    /// heart, systolic, acute on chronic" I50.23; "Failure, respiratory, acute and chronic" J96.2-), so an acute (5th
    /// character 1 / 4th 0) and a chronic (2 / 1) code of one type coded together are the acute-on-chronic code, which
    /// replaces them. Respiratory failure keeps its documented gas exchange (hypoxia 1, hypercapnia 2; unspecified 0 yields).
    /// </summary>
    private static void AcuteOnChronic(List<Candidate> kept, Func<Candidate, bool> coded, Action<Candidate, string, string?, string> remove, TermLexicon lexicon, double threshold,
        params string[] subcategories)
    {
        foreach (var sub in subcategories)
        {
            var respiratory = sub == "J96";
            char Phase(Candidate c) => respiratory ? c.Code[3] : c.Code[4];
            var codes = kept.Where(c => coded(c) && c.Code.StartsWith(sub, StringComparison.Ordinal) && c.Code.Length == 5).ToList();
            var acute = codes.Where(c => Phase(c) == (respiratory ? '0' : '1')).OrderByDescending(c => c.Confidence).FirstOrDefault();
            var chronic = codes.Where(c => Phase(c) == (respiratory ? '1' : '2')).OrderByDescending(c => c.Confidence).FirstOrDefault();
            var both = codes.Where(c => Phase(c) == (respiratory ? '2' : '3')).OrderByDescending(c => c.Confidence).FirstOrDefault();
            if (both is null && (acute is null || chronic is null))
                continue;
            if (both is null)
            {
                var gas = respiratory ? (acute!.Code[4] != '0' ? acute.Code[4] : chronic!.Code[4]) : ' ';
                var code = respiratory ? $"J962{gas}" : $"{sub}3";
                both = Combine(kept, code, lexicon, threshold, [acute, chronic]);
                if (both is null)
                    continue;
            }
            foreach (var part in codes.Where(c => c != both && kept.Contains(c) && Phase(c) is var p && p != Phase(both)))
                remove(part, "combination", both.Code, $"the acute and the chronic failure are one code, {both.Code} (I.B.2-3, Index: acute on chronic)");
        }
    }

    private static void Hypertension(List<Candidate> kept, Func<Candidate, bool> coded, Action<Candidate, string, string?, string> remove, TermLexicon lexicon, double threshold)
    {
        var essential = kept.FirstOrDefault(c => coded(c) && c.Code == "I10");
        var combined = kept.FirstOrDefault(c => coded(c) && c.Code[..3] is "I11" or "I12" or "I13");
        var primary = essential ?? combined;
        if (primary is null)
            return;
        var heartFailure = kept.FirstOrDefault(c => coded(c) && c.Code.StartsWith("I50", StringComparison.Ordinal));
        var ckd = kept.FirstOrDefault(c => coded(c) && c.Code.StartsWith("N18", StringComparison.Ordinal));
        var endStage = ckd is not null && ckd.Code is "N185" or "N186";
        var code = (heartFailure, ckd) switch
        {
            (not null, not null) => endStage ? "I132" : "I130",
            (not null, null) => "I110",
            (null, not null) => endStage ? "I120" : "I129",
            _ => null,
        };
        if (code is null || primary.Code == code)
            return;
        var replacement = Combine(kept, code, lexicon, threshold, [primary, heartFailure, ckd]);
        if (replacement is null)
            return;
        foreach (var old in kept.Where(c => coded(c) && c != replacement && c.Code[..3] is "I10" or "I11" or "I12" or "I13").ToList())
            remove(old, "combination", replacement.Code, $"hypertension with {(heartFailure is null ? "" : "heart failure")}{(heartFailure is not null && ckd is not null ? " and " : "")}{(ckd is null ? "" : "CKD")} is {replacement.Code} (I.C.9.a)");
    }

    private static void Diabetes(List<Candidate> kept, Func<Candidate, bool> coded, Action<Candidate, string, string?, string> remove, TermLexicon lexicon, double threshold)
    {
        var diabetes = kept.Where(c => coded(c) && IsDiabetes(c.Code)).ToList();
        if (diabetes.Count == 0)
            return;
        var family = diabetes.OrderByDescending(c => c.Confidence).First().Code[..3];
        foreach (var (prefix, suffix, stays) in Diabetic)
        {
            var complication = kept.FirstOrDefault(c => coded(c) && c.Code.StartsWith(prefix, StringComparison.Ordinal));
            if (complication is null)
                continue;
            var code = family + suffix;
            var existing = kept.FirstOrDefault(c => c.Code.StartsWith(family + suffix[..1], StringComparison.Ordinal) && coded(c) && c.Code.Length > 4);
            if (existing is not null && existing.Code.StartsWith(code, StringComparison.Ordinal))
                code = existing.Code;
            var combination = Combine(kept, code, lexicon, threshold, [.. diabetes, complication]);
            if (combination is null)
                continue;
            if (!stays)
                remove(complication, "combination", combination.Code, $"included in diabetes with the complication, {combination.Code} (I.A.15, I.C.4.a)");
        }
        // A diabetes code with a complication says what "without complications" or "unspecified complications" cannot.
        if (kept.Any(c => coded(c) && IsDiabetes(c.Code) && !IsUncomplicated(c.Code)))
        {
            foreach (var plain in kept.Where(c => coded(c) && IsDiabetes(c.Code) && IsUncomplicated(c.Code)).ToList())
                remove(plain, "combination", null, "diabetes is coded with its complications (I.C.4.a)");
        }
    }

    private static bool IsDiabetes(string code) => code[..3] is "E08" or "E09" or "E10" or "E11" or "E13";

    private static bool IsUncomplicated(string code) => code.Length == 4 && code[3] == '9' || code.EndsWith("8", StringComparison.Ordinal) && code.Length == 4;

    /// <summary>
    /// The combination code as a candidate: the existing one when the note named it, else a new one supported by the
    /// mentions of the conditions it combines (their words are its evidence), as confident as its least confident part
    /// but never below the threshold (both parts were coded).
    /// </summary>
    internal static Candidate? Combine(List<Candidate> kept, string code, TermLexicon lexicon, double threshold, IEnumerable<Candidate?> parts)
    {
        if (lexicon.Code(code) is not { Billable: true } entry)
            return null;
        var sources = parts.OfType<Candidate>().ToList();
        var candidate = kept.FirstOrDefault(c => c.Code == code);
        if (candidate is null)
        {
            candidate = new Candidate(code, code, entry.Title);
            kept.Add(candidate);
        }
        foreach (var m in sources.SelectMany(s => s.Mentions).Where(m => m.Dense is null && !candidate.Mentions.Contains(m)))
            candidate.Mentions.Add(m);
        var confidence = Math.Max(threshold, sources.Min(s => s.Confidence));
        if (candidate.Confidence < confidence)
        {
            candidate.Confidence = confidence;
            candidate.Score = sources.Min(s => s.Score);
        }
        return candidate;
    }
}
