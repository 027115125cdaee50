namespace Coding.Core.Evaluation.CodiEsp;

/// <summary>
/// One CodiEsp split (train, dev or test) as released: the clinical cases and their D, P and X annotations.
/// Row lists keep the files' rows (for counts); the gold sets are per document, as the metrics take them.
/// </summary>
public sealed class CodiEspSplit
{
    public CodiEspSplit(
        string name,
        IReadOnlyDictionary<string, string> texts,
        IReadOnlyList<CodeRow> diagnosisRows,
        IReadOnlyList<CodeRow> procedureRows,
        IReadOnlyList<CodiEspEvidence> evidence)
    {
        Name = name;
        Texts = texts;
        DiagnosisRows = diagnosisRows;
        ProcedureRows = procedureRows;
        Evidence = evidence;
        Documents = texts.Keys.Order(StringComparer.Ordinal).ToList();
        Diagnoses = GoldWithEveryDocument(diagnosisRows);
        Procedures = GoldWithEveryDocument(procedureRows);
    }

    public string Name { get; }

    /// <summary>Document ids (file names without ".txt"), in ordinal order.</summary>
    public IReadOnlyList<string> Documents { get; }

    /// <summary>doc → note text (English or Spanish, as read).</summary>
    public IReadOnlyDictionary<string, string> Texts { get; }

    public IReadOnlyList<CodeRow> DiagnosisRows { get; }
    public IReadOnlyList<CodeRow> ProcedureRows { get; }
    public IReadOnlyList<CodiEspEvidence> Evidence { get; }

    /// <summary>CodiEsp-D gold (ICD-10-CM): doc → codes, upper-cased ("E11.9").</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Diagnoses { get; }

    /// <summary>
    /// CodiEsp-P gold (ICD-10-PCS): doc → codes. Every document is present: 28 of 250 dev documents have no procedure,
    /// and an empty set makes a predicted procedure there a false positive instead of being ignored.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Procedures { get; }

    private IReadOnlyDictionary<string, IReadOnlySet<string>> GoldWithEveryDocument(IReadOnlyList<CodeRow> rows)
    {
        var gold = EvaluationInputs.GoldFromRows(rows.Select(r => (r.Document, r.Code)));
        var all = new Dictionary<string, IReadOnlySet<string>>(gold, StringComparer.Ordinal);
        foreach (var document in Documents)
            all.TryAdd(document, new HashSet<string>());
        return all;
    }
}

/// <summary>One row of a D or P file: a document and a code as written ("e11.9").</summary>
public readonly record struct CodeRow(string Document, string Code);

/// <summary>
/// One row of an X file: the code, the evidence text and its character spans (discontinuous spans have several).
/// The offsets point into the SPANISH text_files, not the English translations (see SOURCES.md).
/// </summary>
public sealed record CodiEspEvidence(string Document, CodiEspLabel Label, string Code, string Text, IReadOnlyList<CodiEspSpan> Spans);

public readonly record struct CodiEspSpan(int Start, int End);

public enum CodiEspLabel
{
    /// <summary>DIAGNOSTICO: an ICD-10-CM code.</summary>
    Diagnosis,

    /// <summary>PROCEDIMIENTO: an ICD-10-PCS code.</summary>
    Procedure,
}

public enum CodiEspLanguage
{
    /// <summary>text_files_en: machine translations, one sentence per line.</summary>
    English,

    /// <summary>text_files: the original Spanish clinical cases (the X offsets refer to these).</summary>
    Spanish,
}
