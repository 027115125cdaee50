using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Coding.Core.Engine.Preparation;

/// <summary>Finds section headers ("ASSESSMENT:", "Past Medical History:", "A/P:", a bare "PLAN" line).</summary>
public static partial class SectionHeaders
{
    private static readonly FrozenDictionary<string, SectionKind> Labels = BuildLabels();

    /// <summary>The section kind a header label names ("PMH" → PastMedicalHistory), or null when it names none.</summary>
    public static SectionKind? Classify(ReadOnlySpan<char> label)
    {
        var normalized = NormalizeLabel(label);
        return Labels.TryGetValue(normalized, out var kind) ? kind : null;
    }

    internal static List<NoteSection> Find(string text)
    {
        var sections = new List<NoteSection>();
        foreach (var match in HeaderCandidate().EnumerateMatches(text))
        {
            var header = text.AsSpan(match.Index, match.Length);
            var hasColon = header[^1] == ':';
            var labelSpan = hasColon ? header[..^1] : header;
            var leading = labelSpan.Length - labelSpan.TrimStart().Length;
            var labelStart = match.Index + leading;
            var label = labelSpan.Trim();
            if (label.IsEmpty)
                continue;
            // A header without a colon must be a line of its own, otherwise "... was noted. Plan" would qualify.
            if (!hasColon && !StartsLine(text, labelStart))
                continue;
            if (Classify(label) is not { } kind)
                continue;
            var bodyStart = match.Index + match.Length;
            if (sections.Count > 0)
                sections[^1] = sections[^1] with { End = TrimEnd(text, sections[^1].BodyStart, labelStart) };
            else if (!text.AsSpan(0, labelStart).IsWhiteSpace())
                sections.Add(new NoteSection(SectionKind.Unknown, "", 0, 0, TrimEnd(text, 0, labelStart)));
            sections.Add(new NoteSection(kind, new string(label), labelStart, bodyStart, text.Length));
        }
        if (sections.Count == 0 && !string.IsNullOrWhiteSpace(text))
            sections.Add(new NoteSection(SectionKind.Unknown, "", 0, 0, text.Length));
        return sections;
    }

    private static bool StartsLine(string text, int index)
    {
        for (var i = index - 1; i >= 0; i--)
        {
            if (text[i] == '\n')
                return true;
            if (text[i] is not (' ' or '\t'))
                return false;
        }
        return true;
    }

    private static int TrimEnd(string text, int floor, int end)
    {
        while (end > floor && char.IsWhiteSpace(text[end - 1]))
            end--;
        return end;
    }

    private static string NormalizeLabel(ReadOnlySpan<char> label)
    {
        Span<char> buffer = stackalloc char[label.Length];
        var length = 0;
        var pendingSpace = false;
        foreach (var raw in label.Trim())
        {
            if (raw is ' ' or '\t')
            {
                pendingSpace = true;
                continue;
            }
            if (pendingSpace && length > 0)
                buffer[length++] = ' ';
            pendingSpace = false;
            buffer[length++] = char.ToLowerInvariant(raw);
        }
        return new string(buffer[..length]);
    }

    // A label of letters, spaces and / & ' - at the start of a line or of a sentence, ending in a colon or the
    // end of the line. Classify() decides whether it names a section; most candidates ("Physical examination
    // revealed:") do not.
    [GeneratedRegex(@"(?<=^|[.!?][ \t]+)[ \t]*[A-Za-z][A-Za-z/&' \-]{0,48}?[ \t]*(?::|(?=\r?$))", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex HeaderCandidate();

    private static FrozenDictionary<string, SectionKind> BuildLabels()
    {
        var labels = new Dictionary<string, SectionKind>(StringComparer.Ordinal);
        void Add(SectionKind kind, params string[] names)
        {
            foreach (var name in names)
                labels[name] = kind;
        }

        Add(SectionKind.ChiefComplaint, "chief complaint", "chief complaints", "cc", "c/c", "reason for visit",
            "reason for admission", "reason for consultation", "reason for consult", "reason for referral",
            "presenting complaint", "presenting problem", "complaint");
        Add(SectionKind.HistoryOfPresentIllness, "hpi", "history of present illness", "history of the present illness",
            "history of presenting illness", "present illness", "history", "hx", "interval history", "clinical history",
            "subjective", "current illness", "anamnesis", "clinical presentation", "case presentation");
        Add(SectionKind.PastMedicalHistory, "pmh", "pmhx", "past medical history", "past history", "medical history",
            "past medical hx", "previous medical history", "personal history", "prior medical history",
            "past medical and surgical history", "past medical/surgical history", "personal background",
            "medical background", "background", "antecedents", "personal antecedents");
        Add(SectionKind.PastSurgicalHistory, "psh", "pshx", "past surgical history", "surgical history", "previous surgeries",
            "prior surgeries", "past surgical hx");
        Add(SectionKind.FamilyHistory, "fh", "fhx", "family history", "family hx", "family medical history",
            "family background", "family antecedents");
        Add(SectionKind.SocialHistory, "sh", "shx", "social history", "social hx", "habits", "toxic habits", "lifestyle");
        Add(SectionKind.ReviewOfSystems, "ros", "review of systems", "review of system", "systems review");
        Add(SectionKind.Medications, "medications", "medication", "meds", "current medications", "current meds",
            "home medications", "home meds", "admission medications", "medications on admission", "outpatient medications",
            "discharge medications", "medications on discharge", "current treatment", "usual treatment", "usual medication");
        Add(SectionKind.Allergies, "allergies", "allergy", "drug allergies", "allergies and adverse reactions");
        Add(SectionKind.PhysicalExam, "exam", "physical exam", "physical examination", "pe", "examination",
            "objective", "vital signs", "vitals", "on examination", "exploration", "physical exploration");
        Add(SectionKind.Results, "labs", "lab", "laboratory", "laboratory data", "laboratory results", "lab results",
            "laboratory tests", "results", "pertinent results", "data", "studies", "diagnostic studies", "imaging",
            "imaging studies", "radiology", "diagnostics", "diagnostic tests", "complementary tests", "investigations");
        Add(SectionKind.Assessment, "assessment", "impression", "assessment and plan", "assessment & plan",
            "assessment/plan", "a/p", "a&p", "impression and plan", "impression/plan", "clinical impression",
            "diagnostic impression");
        Add(SectionKind.Plan, "plan", "recommendations", "recommendation", "disposition", "follow up", "follow-up",
            "instructions", "discharge instructions", "patient instructions", "treatment plan", "treatment");
        Add(SectionKind.Diagnoses, "diagnosis", "diagnoses", "dx", "discharge diagnosis", "discharge diagnoses",
            "final diagnosis", "final diagnoses", "principal diagnosis", "primary diagnosis", "secondary diagnosis",
            "secondary diagnoses", "admitting diagnosis", "admission diagnosis", "admission diagnoses",
            "preoperative diagnosis", "pre-operative diagnosis", "postoperative diagnosis", "post-operative diagnosis",
            "diagnosis at discharge", "main diagnosis", "other diagnoses");
        Add(SectionKind.DifferentialDiagnosis, "differential diagnosis", "differential diagnoses", "differential", "ddx");
        Add(SectionKind.ProblemList, "problem list", "problems", "active problems", "active problem list");
        Add(SectionKind.Procedures, "procedure", "procedures", "procedures performed", "procedure performed",
            "operation", "operations", "operation performed", "operative procedure", "surgical procedure",
            "surgery", "surgical treatment", "interventions");
        Add(SectionKind.HospitalCourse, "hospital course", "brief hospital course", "course", "clinical course",
            "course in hospital", "ed course", "emergency department course", "evolution", "clinical evolution",
            "progress", "hospital stay");
        return labels.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
