using System.Collections.Frozen;

namespace Coding.Core.Engine.Preparation;

/// <summary>Finds section headers ("ASSESSMENT:", "Past Medical History:", "A/P:", a bare "PLAN" line).</summary>
public static class SectionHeaders
{
    private static readonly FrozenDictionary<string, SectionKind> Labels = BuildLabels();
    private static readonly FrozenDictionary<string, SectionKind>.AlternateLookup<ReadOnlySpan<char>> LabelLookup =
        Labels.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The section kind a header label names ("PMH" → PastMedicalHistory), or null when it names none.</summary>
    public static SectionKind? Classify(ReadOnlySpan<char> label)
    {
        if (label.Length > 64)
            return null;
        Span<char> buffer = stackalloc char[label.Length];
        var normalized = NormalizeLabel(label, buffer);
        return LabelLookup.TryGetValue(normalized, out var kind) ? kind : null;
    }

    internal static List<NoteSection> Find(string text)
    {
        var sections = new List<NoteSection>();
        var candidate = 0;
        while (candidate >= 0 && candidate < text.Length)
        {
            if (TryHeaderAt(text, candidate, out var headerStart, out var labelStart, out var labelEnd, out var bodyStart, out var kind))
            {
                if (sections.Count > 0)
                    sections[^1] = sections[^1] with { End = TrimEnd(text, sections[^1].BodyStart, headerStart) };
                else if (!text.AsSpan(0, headerStart).IsWhiteSpace())
                    sections.Add(new NoteSection(SectionKind.Unknown, "", 0, 0, TrimEnd(text, 0, headerStart)));
                sections.Add(new NoteSection(kind, text[labelStart..labelEnd], headerStart, bodyStart, text.Length));
                candidate = NextCandidate(text, bodyStart);
            }
            else
            {
                candidate = NextCandidate(text, candidate + 1);
            }
        }
        if (sections.Count == 0 && !string.IsNullOrWhiteSpace(text))
            sections.Add(new NoteSection(SectionKind.Unknown, "", 0, 0, text.Length));
        return sections;
    }

    private static readonly System.Buffers.SearchValues<char> CandidateMarks = System.Buffers.SearchValues.Create("\n.!?");

    /// <summary>Next place (at or after <paramref name="from"/>) a header may start: after a line break, or after
    /// ". " / "! " / "? ".</summary>
    private static int NextCandidate(string text, int from)
    {
        var i = Math.Max(from - 2, 0);
        while (i < text.Length)
        {
            var found = text.AsSpan(i).IndexOfAny(CandidateMarks);
            if (found < 0)
                return -1;
            i += found;
            var candidate = text[i] == '\n' ? i + 1
                : i + 1 < text.Length && text[i + 1] is ' ' or '\t' ? i + 2
                : -1;
            if (candidate >= from && candidate < text.Length)
                return candidate;
            i++;
        }
        return -1;
    }

    // A label of letters, spaces and / & ' - (at most 48 characters) ending in a colon, or filling a whole line.
    // Classify() then decides whether it names a section; most candidates ("Physical examination revealed:") do not.
    private static bool TryHeaderAt(
        string text, int at, out int headerStart, out int labelStart, out int labelEnd, out int bodyStart, out SectionKind kind)
    {
        labelEnd = bodyStart = 0;
        kind = SectionKind.Unknown;
        var lineStart = at == 0 || text[at - 1] == '\n';
        var i = at;
        while (i < text.Length && text[i] is ' ' or '\t')
            i++;
        headerStart = i;
        // Markdown markup before the label: "## Assessment", "**Plan:** rest".
        while (i < text.Length && text[i] is '#' or '*' or ' ')
            i++;
        labelStart = i;
        if (i >= text.Length || !char.IsAsciiLetter(text[i]))
            return false;
        var limit = Math.Min(text.Length, labelStart + 49);
        while (i < limit && (char.IsAsciiLetter(text[i]) || text[i] is ' ' or '\t' or '/' or '&' or '\'' or '-'))
            i++;
        labelEnd = i;
        while (labelEnd > labelStart && text[labelEnd - 1] is ' ' or '\t')
            labelEnd--;
        if (i < text.Length && text[i] == ':')
        {
            bodyStart = i + 1;
            while (bodyStart < text.Length && text[bodyStart] == '*')
                bodyStart++;
        }
        else
        {
            // Without a colon the label must be the whole line, otherwise "Plan was discussed" would qualify.
            var lineEnd = i;
            while (lineEnd < text.Length && text[lineEnd] is '*' or '\r')
                lineEnd++;
            if (!lineStart || (lineEnd < text.Length && text[lineEnd] != '\n'))
                return false;
            bodyStart = labelEnd;
        }
        if (Classify(text.AsSpan(labelStart, labelEnd - labelStart)) is not { } found)
            return false;
        kind = found;
        return true;
    }

    private static int TrimEnd(string text, int floor, int end)
    {
        while (end > floor && char.IsWhiteSpace(text[end - 1]))
            end--;
        return end;
    }

    // Lower case, single spaces: "Past  Medical History" and "PAST MEDICAL HISTORY" look the same.
    private static ReadOnlySpan<char> NormalizeLabel(ReadOnlySpan<char> label, Span<char> buffer)
    {
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
        return buffer[..length];
    }

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
            "medical background", "antecedents", "personal antecedents");
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
            "imaging studies", "radiology", "diagnostics", "diagnostic tests", "complementary tests", "investigations",
            "findings", "workup", "work-up", "work up", "diagnostic workup");
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
