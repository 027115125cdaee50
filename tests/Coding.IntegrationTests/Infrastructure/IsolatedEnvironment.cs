using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

namespace Coding.IntegrationTests.Infrastructure;

/// <summary>
/// A database and a RabbitMQ virtual host of their own, so test classes never see each other's rows or messages,
/// on the same real servers. Dropped afterwards.
/// </summary>
public sealed class IsolatedEnvironment : IAsyncDisposable
{
    private readonly ScratchDatabase _database;

    private IsolatedEnvironment(ScratchDatabase database, Uri rabbitMqUri)
    {
        _database = database;
        RabbitMqUri = rabbitMqUri;
    }

    /// <summary>Both the database's and the vhost's name.</summary>
    public string Name => _database.Name;
    /// <summary>As the app's login.</summary>
    public string ConnectionString => _database.ConnectionString;

    /// <summary>As the schema owner.</summary>
    public string OwnerConnectionString => _database.OwnerConnectionString;
    public Uri RabbitMqUri { get; }

    public static async Task<IsolatedEnvironment> CreateAsync(string prefix)
    {
        var database = await ScratchDatabase.CreateAsync(prefix);
        var name = database.Name;

        using var http = Management();
        (await http.PutAsync($"api/vhosts/{name}", null)).EnsureSuccessStatusCode();
        var user = LocalInfrastructure.RabbitMqUri.UserInfo.Split(':')[0];
        (await http.PutAsJsonAsync($"api/permissions/{name}/{user}", new { configure = ".*", write = ".*", read = ".*" })).EnsureSuccessStatusCode();
        var rabbit = new UriBuilder(LocalInfrastructure.RabbitMqUri) { Path = "/" + name }.Uri;
        return new IsolatedEnvironment(database, rabbit);
    }

    public async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        using var http = Management();
        await http.DeleteAsync($"api/vhosts/{Name}");
    }

    private static HttpClient Management()
    {
        var amqp = LocalInfrastructure.RabbitMqUri;
        var http = new HttpClient { BaseAddress = LocalInfrastructure.RabbitMqManagementUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(amqp.UserInfo))));
        return http;
    }
}
