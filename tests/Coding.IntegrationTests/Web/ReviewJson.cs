using System.Net;
using System.Text.Json.Nodes;

namespace Coding.IntegrationTests.Web;

/// <summary>Reading the coder's API in review tests: a response with its expected status as JSON, a suggestion by code.</summary>
internal static class ReviewJson
{
    public static async Task<JsonNode> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} {text}");
        return JsonNode.Parse(text.Length == 0 ? "{}" : text)!;
    }

    public static JsonNode Suggestion(JsonNode view, string code) =>
        view["suggestions"]!.AsArray().Single(s => (string)s!["code"]! == code)!;
}
