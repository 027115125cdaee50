using System.IO.Compression;
using System.Xml;

namespace Coding.Core.Codebooks.Parsing;

/// <summary>
/// Reads the first worksheet of an .xlsx as rows of strings: enough for the CMS HCPCS file, without a spreadsheet library.
/// Handles shared strings, inline strings and sparse rows (cells are placed by their "A1" reference).
/// </summary>
internal static class XlsxSheetReader
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    public static IEnumerable<string[]> ReadFirstSheet(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        var shared = ReadSharedStrings(zip.GetEntry("xl/sharedStrings.xml"));
        var sheet = zip.GetEntry("xl/worksheets/sheet1.xml") ?? throw new FormatException($"{path}: no xl/worksheets/sheet1.xml");
        using var stream = sheet.Open();
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { IgnoreWhitespace = false });
        List<string>? row = null;
        string? cellRef = null, cellType = null;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.NamespaceURI == Main)
            {
                switch (reader.LocalName)
                {
                    case "row":
                        row = [];
                        if (reader.IsEmptyElement) { yield return []; row = null; }
                        break;
                    case "c":
                        cellRef = reader.GetAttribute("r");
                        cellType = reader.GetAttribute("t");
                        break;
                    case "v" when row is not null:
                        Place(row, cellRef, cellType == "s" ? shared[int.Parse(reader.ReadElementContentAsString())] : reader.ReadElementContentAsString());
                        break;
                    case "is" when row is not null:
                        Place(row, cellRef, ReadText(reader));
                        break;
                }
            }
            else if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "row" && row is not null)
            {
                yield return row.ToArray();
                row = null;
            }
        }
    }

    private static void Place(List<string> row, string? cellRef, string value)
    {
        var column = 0;
        if (cellRef is not null)
        {
            foreach (var ch in cellRef)
            {
                if (ch is < 'A' or > 'Z') break;
                column = column * 26 + (ch - 'A' + 1);
            }
            column--;
        }
        else column = row.Count;
        while (row.Count < column) row.Add("");
        if (row.Count == column) row.Add(value); else row[column] = value;
    }

    private static List<string> ReadSharedStrings(ZipArchiveEntry? entry)
    {
        var strings = new List<string>();
        if (entry is null) return strings;
        using var stream = entry.Open();
        using var reader = XmlReader.Create(stream);
        while (reader.Read())
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "si")
                strings.Add(ReadText(reader));
        return strings;
    }

    /// <summary>Concatenates every &lt;t&gt; under the current element (rich text runs split one string into several).</summary>
    private static string ReadText(XmlReader reader)
    {
        if (reader.IsEmptyElement) return "";
        var depth = reader.Depth;
        var text = new System.Text.StringBuilder();
        reader.Read();
        // ReadElementContentAsString already moves past </t>, so only other nodes need an explicit Read.
        while (!reader.EOF && reader.Depth > depth)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "t") text.Append(reader.ReadElementContentAsString());
            else reader.Read();
        }
        return text.ToString();
    }
}
