using System.Globalization;
using System.Text.RegularExpressions;

namespace Coding.Core.Severity;

public enum CcMccLevel
{
    Cc,
    Mcc,
}

/// <param name="PdxCollection">The collection of principal diagnoses that make this code a non-CC; null for "No Excl".</param>
/// <param name="DischargedAliveOnly">Appendix C part 2: an MCC only when the patient is discharged alive.</param>
public sealed record CcMccEntry(string Code, CcMccLevel Level, int? PdxCollection, bool DischargedAliveOnly);

/// <summary>What appendix C says, read whole: part 1 rows, the PDX collections, the part 2 list.</summary>
public sealed record AppendixC(IReadOnlyList<CcMccEntry> Entries, IReadOnlyDictionary<int, IReadOnlyList<string>> Collections)
{
    public int ExclusionRows => Collections.Values.Sum(c => c.Count);
}

/// <summary>
/// Reads the MS-DRG Definitions Manual appendix C text file. Part 3 (CC/MCC excluded in selected MS-DRGs) is not read:
/// it needs the grouped DRG, which this project does not compute. Every row's "NNNN:n codes" must agree with the
/// collection it names, so a truncated or re-laid-out file is refused rather than half loaded.
/// </summary>
public static partial class AppendixCParser
{
    [GeneratedRegex(@"^ (?<code>[A-Z0-9]{3,7})\s+(?<level>CC|MCC)\s+(?:(?<coll>\d{4}):(?<n>[\d,]+) codes?|No Excl)\s")]
    private static partial Regex Part1Row();

    // A line that starts like a row but is not one: a layout change, refused rather than skipped.
    [GeneratedRegex(@"^ [A-Z0-9]{3,7}\s+(?:CC|MCC)\s")]
    private static partial Regex RowLike();

    [GeneratedRegex(@"^PDX collection (?<coll>\d{4})\s*$")]
    private static partial Regex CollectionHeading();

    [GeneratedRegex(@"^  (?<code>[A-Z0-9]{3,7})(?:\s|$)")]
    private static partial Regex ListedCode();

    public static AppendixC ReadFile(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader);
    }

    public static AppendixC Read(TextReader reader)
    {
        var rows = new List<(string Code, CcMccLevel Level, int? Collection, int Claimed)>();
        var collections = new Dictionary<int, List<string>>();
        var alive = new HashSet<string>(StringComparer.Ordinal);
        List<string>? current = null;
        var part = 1;
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith("Appendix C Part 2", StringComparison.Ordinal)) { part = 2; current = null; continue; }
            if (line.StartsWith("Appendix C Part 3", StringComparison.Ordinal)) break;
            if (part == 2)
            {
                if (ListedCode().Match(line) is { Success: true } a) alive.Add(a.Groups["code"].Value);
                continue;
            }
            if (CollectionHeading().Match(line) is { Success: true } h)
            {
                var id = int.Parse(h.Groups["coll"].ValueSpan, CultureInfo.InvariantCulture);
                if (!collections.TryAdd(id, current = [])) throw new FormatException($"PDX collection {id:D4} appears twice");
                continue;
            }
            if (current is not null)
            {
                if (ListedCode().Match(line) is { Success: true } c) current.Add(c.Groups["code"].Value);
                continue;
            }
            if (Part1Row().Match(line) is { Success: true } r)
            {
                var hasCollection = r.Groups["coll"].Success;
                rows.Add((r.Groups["code"].Value, r.Groups["level"].Value == "MCC" ? CcMccLevel.Mcc : CcMccLevel.Cc,
                    hasCollection ? int.Parse(r.Groups["coll"].ValueSpan, CultureInfo.InvariantCulture) : null,
                    hasCollection ? int.Parse(r.Groups["n"].Value.Replace(",", ""), CultureInfo.InvariantCulture) : 0));
            }
            else if (RowLike().IsMatch(line))
            {
                throw new FormatException($"part 1 line not in the expected layout: {line.Trim()}");
            }
        }

        if (rows.Count == 0) throw new FormatException("no appendix C part 1 rows found");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (!seen.Add(row.Code)) throw new FormatException($"{row.Code} is listed twice in part 1");
            if (row.Collection is not { } id) continue;
            if (!collections.TryGetValue(id, out var list))
                throw new FormatException($"{row.Code} names PDX collection {id:D4}, which the file does not have");
            if (list.Count != row.Claimed)
                throw new FormatException($"{row.Code} says collection {id:D4} has {row.Claimed} codes, the file lists {list.Count}");
        }
        var unknownAlive = alive.Where(c => !seen.Contains(c)).ToList();
        if (unknownAlive.Count > 0)
            throw new FormatException($"part 2 lists codes that are not CC/MCC in part 1: {string.Join(", ", unknownAlive)}");

        return new AppendixC(
            rows.Select(r => new CcMccEntry(r.Code, r.Level, r.Collection, alive.Contains(r.Code))).ToList(),
            collections.ToDictionary(c => c.Key, c => (IReadOnlyList<string>)c.Value));
    }
}
