using System.Text.RegularExpressions;

namespace Coding.Core.Codebooks.Parsing;

public enum AddendaAction { Add, Delete, ReviseFrom, ReviseTo }

public sealed record AddendaEntry(AddendaAction Action, CodeEntry Entry);

/// <summary>What an order-addenda file says: the changes, and the previous release's counts stated in its summary.</summary>
public sealed record OrderAddenda(IReadOnlyList<AddendaEntry> Entries, int? PreviousCodes, int? PreviousHeaders, int? PreviousYear);

/// <summary>
/// CMS order addenda (icd10cm_order_addenda_YYYY.txt, PCS order_addenda_YYYY.txt): the action in columns 1-13
/// ("Add:", "Delete:", "Revise from:", "Revise to:"), then the order-file record without its order number.
/// ICD-10-CM lines carry the header/billable flag before the code; PCS lines do not (a PCS header is a 3-character table).
/// A summary at the end states the previous year's code and header counts, which lets a derived release prove itself.
/// </summary>
public static partial class OrderAddendaParser
{
    public static OrderAddenda Read(TextReader reader)
    {
        var entries = new List<AddendaEntry>();
        int? codes = null, headers = null, year = null;
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var action = line switch
            {
                _ when line.StartsWith("Add:", StringComparison.Ordinal) => AddendaAction.Add,
                _ when line.StartsWith("Delete:", StringComparison.Ordinal) => AddendaAction.Delete,
                _ when line.StartsWith("Revise from:", StringComparison.Ordinal) => AddendaAction.ReviseFrom,
                _ when line.StartsWith("Revise to:", StringComparison.Ordinal) => AddendaAction.ReviseTo,
                _ => (AddendaAction?)null,
            };
            if (action is null)
            {
                var m = SummaryLine().Match(line);
                if (m.Success && m.Groups["year"].Value is var y && int.Parse(y) is var yy)
                {
                    // The first "in ..._order_YYYY.txt" pair names the previous release; the second the current one.
                    if (year is null || yy == year)
                    {
                        year = yy;
                        if (m.Groups["what"].Value == "codes") codes = int.Parse(m.Groups["n"].Value);
                        else headers = int.Parse(m.Groups["n"].Value);
                    }
                }
                continue;
            }
            if (line.Length < 16) throw new FormatException($"addenda line {lineNumber}: too short");
            entries.Add(new AddendaEntry(action.Value, ParseRecord(line, lineNumber)));
        }
        return new OrderAddenda(entries, codes, headers, year);
    }

    public static OrderAddenda ReadFile(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader);
    }

    private static CodeEntry ParseRecord(string line, int lineNumber)
    {
        // ICD-10-CM: flag at 13, code at 15. PCS: code at 13 (its codes never have a blank in second place).
        bool billable;
        int codeStart;
        if (line[13] is '0' or '1' && line[14] == ' ')
        {
            billable = line[13] == '1';
            codeStart = 15;
        }
        else
        {
            codeStart = 13;
            billable = false; // decided below from the code's length
        }
        if (line.Length < codeStart + 8) throw new FormatException($"addenda line {lineNumber}: too short");
        var code = line.Substring(codeStart, 7).TrimEnd();
        if (codeStart == 13) billable = code.Length == 7;
        var shortTitle = OrderFileParser.Field(line, codeStart + 8, 60);
        var longTitle = line.Length > codeStart + 69 ? line[(codeStart + 69)..].Trim() : shortTitle;
        return new CodeEntry(code, billable, shortTitle, longTitle);
    }

    [GeneratedRegex(@"^\s*(?<n>\d+)\s+(?<what>codes|headers) in \S*?_(?<year>\d{4})\.txt", RegexOptions.CultureInvariant)]
    private static partial Regex SummaryLine();
}
