using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Coding.Core.Model;

/// <summary>
/// Turns the JSON Schema subset our prompts use into a llama.cpp GBNF grammar whose language is the compact (no
/// whitespace) JSON texts valid against the schema, with string characters outside printable ASCII written as \u
/// escapes (see the char rule). Supported: object (every property required, emitted in
/// declaration order, no additional properties), array (items, minItems, maxItems), string (enum, const, maxLength,
/// minLength), integer / number (enum; number with minimum 0 and maximum 1 as a probability), boolean.
/// Anything else throws: a grammar that silently allowed more than the schema would defeat the point.
/// </summary>
public static class JsonSchemaToGbnf
{
    public static string Convert(JsonNode schema)
    {
        var rules = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var root = Visit(schema, "root", rules, names);
        var sb = new StringBuilder();
        if (root != "root")
            sb.Append("root ::= ").Append(root).Append('\n');
        foreach (var r in rules)
            sb.Append(r).Append('\n');
        // String characters are printable ASCII; anything else must be written as a \u escape. Tokens are bytes but the
        // grammar counts code points, and a token stream may end a string inside a multi-byte sequence, which decodes
        // to more characters than the grammar counted (maxLength broken). ASCII-only rules that out, stays inside the
        // schema (every such string is valid) and loses no expressiveness.
        sb.Append("""char ::= [\x20\x21\x23-\x5B\x5D-\x7E] | "\\" (["\\/bfnrt] | "u" [0-9a-fA-F]{4})""").Append('\n');
        return sb.ToString();
    }

    private static string Visit(JsonNode? node, string name, List<string> rules, HashSet<string> names)
    {
        if (node is not JsonObject schema)
            throw new NotSupportedException($"schema at '{name}' is not an object");
        foreach (var key in schema.Select(p => p.Key))
        {
            if (key is not ("type" or "properties" or "required" or "additionalProperties" or "items" or "minItems" or "maxItems"
                or "enum" or "const" or "maxLength" or "minLength" or "minimum" or "maximum" or "description" or "title"))
                throw new NotSupportedException($"schema keyword '{key}' at '{name}' is not supported by the grammar generator");
        }

        string body;
        if (schema["const"] is { } constant)
            body = Literal(constant.ToJsonString());
        else if (schema["enum"] is JsonArray values)
            body = values.Count == 0
                ? throw new NotSupportedException($"empty enum at '{name}': nothing could be generated")
                : "(" + string.Join(" | ", values.Select(v => Literal(v!.ToJsonString()))) + ")";
        else
        {
            var type = schema["type"]?.GetValue<string>() ?? throw new NotSupportedException($"schema at '{name}' has no type");
            body = type switch
            {
                "object" => ObjectRule(schema, name, rules, names),
                "array" => ArrayRule(schema, name, rules, names),
                "string" => StringRule(schema),
                "integer" => """("-"? ([0-9] | [1-9] [0-9]{1,15}))""",
                "number" => NumberRule(schema, name),
                "boolean" => """("true" | "false")""",
                _ => throw new NotSupportedException($"type '{type}' at '{name}' is not supported"),
            };
        }

        var rule = Unique(name, names);
        rules.Add($"{rule} ::= {body}");
        return rule;
    }

    private static string ObjectRule(JsonObject schema, string name, List<string> rules, HashSet<string> names)
    {
        var properties = schema["properties"] as JsonObject ?? new JsonObject();
        var required = (schema["required"] as JsonArray)?.Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
        if (properties.Any(p => !required.Contains(p.Key)))
            throw new NotSupportedException($"object '{name}': optional properties are not supported (make every property required)");
        if (schema["additionalProperties"] is not JsonValue ap || ap.GetValue<bool>())
            throw new NotSupportedException($"object '{name}' must say additionalProperties: false");
        var parts = new List<string>();
        var first = true;
        foreach (var (key, value) in properties)
        {
            var child = Visit(value, $"{name}-{key}", rules, names);
            parts.Add(Literal((first ? "{" : ",") + JsonSerializer.Serialize(key) + ":") + " " + child);
            first = false;
        }
        return parts.Count == 0 ? Literal("{}") : string.Join(" ", parts) + " " + Literal("}");
    }

    private static string ArrayRule(JsonObject schema, string name, List<string> rules, HashSet<string> names)
    {
        var item = Visit(schema["items"], $"{name}-item", rules, names);
        var min = Int(schema["minItems"]) ?? 0;
        int? max = Int(schema["maxItems"]);
        if (max < min)
            throw new NotSupportedException($"array '{name}': maxItems < minItems");
        if (max == 0)
            return Literal("[]");
        // First item, then min-1..max-1 more, each after a comma.
        var more = Repeat($"(\",\" {item})", Math.Max(min - 1, 0), max - 1);
        var items = $"{item}{(more.Length > 0 ? " " + more : "")}";
        return min == 0
            ? $"\"[\" ({items})? \"]\""
            : $"\"[\" {items} \"]\"";
    }

    private static string StringRule(JsonObject schema)
    {
        var min = Int(schema["minLength"]) ?? 0;
        int? max = Int(schema["maxLength"]);
        var chars = Repeat("char", min, max);
        return chars.Length == 0 ? "(\"\\\"\" \"\\\"\")" : $"(\"\\\"\" {chars} \"\\\"\")";
    }

    private static string NumberRule(JsonObject schema, string name)
    {
        var min = Number(schema["minimum"]);
        var max = Number(schema["maximum"]);
        if (min is null && max is null)
            return """("-"? ([0-9] | [1-9] [0-9]{1,15}) ("." [0-9]{1,15})? ([eE] [-+]? [0-9]{1,3})?)""";
        if (min == 0 && max == 1)
            return """("0" ("." [0-9]{1,4})? | "1" ("." "0"{1,4})?)""";
        throw new NotSupportedException($"number '{name}': only [0, 1] bounds are supported");
    }

    // Numbers built in memory hold int or double, parsed ones a JsonElement: read them all through their JSON text.
    private static double? Number(JsonNode? n) => n is null ? null : double.Parse(n.ToJsonString(), CultureInfo.InvariantCulture);
    private static int? Int(JsonNode? n) => n is null ? null : checked((int)Number(n)!.Value);

    /// <summary>x{min,max} with the edge cases GBNF spells differently (nothing, exactly n, unbounded).</summary>
    private static string Repeat(string x, int min, int? max) => (min, max) switch
    {
        (0, 0) => "",
        (_, null) => min == 0 ? $"{x}*" : $"{x}{{{min},}}",
        var (a, b) when a == b => a == 1 ? x : $"{x}{{{a}}}",
        _ => $"{x}{{{min},{max}}}",
    };

    /// <summary>A GBNF string literal matching <paramref name="text"/> exactly.</summary>
    internal static string Literal(string text)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20)
                        sb.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
                    else
                        sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    private static string Unique(string name, HashSet<string> names)
    {
        var clean = new string(name.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch == '-' ? ch : '-').ToArray());
        var candidate = clean;
        for (var i = 2; !names.Add(candidate); i++)
            candidate = $"{clean}{i}";
        return candidate;
    }
}
