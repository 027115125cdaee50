using System.Globalization;

namespace Coding.Core.Evaluation.CodiEsp;

/// <summary>
/// Reads a CodiEsp split directory as released (final_dataset_v4_to_publish/{train,dev,test}): text_files[_en]/*.txt,
/// {split}D.tsv and {split}P.tsv (doc TAB code), {split}X.tsv (doc TAB DIAGNOSTICO|PROCEDIMIENTO TAB code TAB evidence
/// TAB "start end[;start end]"). Errors name the file and line, never the content.
/// </summary>
public static class CodiEspReader
{
    public static CodiEspSplit ReadSplit(string directory, CodiEspLanguage language = CodiEspLanguage.English)
    {
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"CodiEsp split directory not found: {directory}");
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)));
        var texts = ReadTexts(Path.Combine(directory, language == CodiEspLanguage.English ? "text_files_en" : "text_files"));
        var diagnoses = ReadCodes(AnnotationFile(directory, "D", required: true)!);
        var procedures = AnnotationFile(directory, "P", required: false) is { } p ? ReadCodes(p) : [];
        var evidence = AnnotationFile(directory, "X", required: false) is { } x ? ReadEvidence(x) : [];
        return new CodiEspSplit(name, texts, diagnoses, procedures, evidence);
    }

    /// <summary>doc id (file name without .txt) → text, for every *.txt in the folder.</summary>
    public static IReadOnlyDictionary<string, string> ReadTexts(string folder)
    {
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"CodiEsp text folder not found: {folder}");
        return Directory.EnumerateFiles(folder, "*.txt")
            .ToDictionary(path => Path.GetFileNameWithoutExtension(path), File.ReadAllText, StringComparer.Ordinal);
    }

    /// <summary>The rows of a D or P file (doc TAB code).</summary>
    public static IReadOnlyList<CodeRow> ReadCodes(string path)
    {
        var rows = new List<CodeRow>();
        foreach (var (number, fields) in Lines(path))
        {
            if (fields.Length != 2 || fields[0].Length == 0 || fields[1].Length == 0)
                throw Malformed(path, number, "expected 2 non-empty tab-separated fields");
            rows.Add(new CodeRow(fields[0], fields[1].Trim()));
        }
        return rows;
    }

    /// <summary>The rows of an X file.</summary>
    public static IReadOnlyList<CodiEspEvidence> ReadEvidence(string path)
    {
        var rows = new List<CodiEspEvidence>();
        foreach (var (number, fields) in Lines(path))
        {
            if (fields.Length != 5)
                throw Malformed(path, number, "expected 5 tab-separated fields");
            var label = fields[1] switch
            {
                "DIAGNOSTICO" => CodiEspLabel.Diagnosis,
                "PROCEDIMIENTO" => CodiEspLabel.Procedure,
                _ => throw Malformed(path, number, "field 2 must be DIAGNOSTICO or PROCEDIMIENTO"),
            };
            var spans = new List<CodiEspSpan>();
            foreach (var part in fields[4].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var bounds = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (bounds.Length != 2
                    || !int.TryParse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
                    || !int.TryParse(bounds[1], NumberStyles.None, CultureInfo.InvariantCulture, out var end)
                    || end < start)
                    throw Malformed(path, number, "field 5 must be 'start end' pairs separated by ';'");
                spans.Add(new CodiEspSpan(start, end));
            }
            if (spans.Count == 0)
                throw Malformed(path, number, "field 5 has no span");
            rows.Add(new CodiEspEvidence(fields[0], label, fields[2].Trim(), fields[3], spans));
        }
        return rows;
    }

    private static string? AnnotationFile(string directory, string suffix, bool required)
    {
        var matches = Directory.GetFiles(directory, $"*{suffix}.tsv");
        return matches.Length switch
        {
            1 => matches[0],
            0 when !required => null,
            0 => throw new FileNotFoundException($"no *{suffix}.tsv in {directory}"),
            _ => throw new InvalidOperationException($"more than one *{suffix}.tsv in {directory}"),
        };
    }

    private static IEnumerable<(int Number, string[] Fields)> Lines(string path)
    {
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            var trimmed = line.TrimEnd('\r');
            if (trimmed.Length == 0)
                continue;
            yield return (number, trimmed.Split('\t'));
        }
    }

    private static FormatException Malformed(string path, int line, string why) =>
        new($"{Path.GetFileName(path)} line {line}: {why}");
}
