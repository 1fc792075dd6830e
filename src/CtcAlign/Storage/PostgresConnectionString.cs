using Npgsql;

namespace CtcAlign.Storage;

/// <summary>
/// A PostgreSQL <c>--db</c>: a URL (<c>postgres://user:password@host:port/database?sslmode=...</c>, also
/// <c>postgresql://</c>) or an Npgsql keyword string (<c>Host=...;Database=...</c>), turned into an Npgsql connection string.
/// </summary>
public static class PostgresConnectionString
{
    /// <summary>True when <paramref name="database"/> is a PostgreSQL URL or keyword string rather than a file path.</summary>
    public static bool IsPostgres(string database) =>
        database.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || database.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || database.TrimStart().StartsWith("Host=", StringComparison.OrdinalIgnoreCase);

    /// <summary>The Npgsql connection string of <paramref name="database"/>; a malformed one is a <see cref="StorageException"/>.</summary>
    public static string ToNpgsql(string database)
    {
        try
        {
            if (!database.Contains("://", StringComparison.Ordinal))
                return new NpgsqlConnectionStringBuilder(database).ConnectionString;
            var uri = new Uri(database);
            var builder = new NpgsqlConnectionStringBuilder { Host = Uri.UnescapeDataString(uri.Host.Trim('[', ']')) };
            if (uri.Port > 0)
                builder.Port = uri.Port;
            if (uri.UserInfo.Length > 0)
            {
                var userInfo = uri.UserInfo.Split(':', 2);
                builder.Username = Uri.UnescapeDataString(userInfo[0]);
                if (userInfo.Length > 1)
                    builder.Password = Uri.UnescapeDataString(userInfo[1]);
            }
            var path = uri.AbsolutePath.Trim('/');
            if (path.Length > 0)
                builder.Database = Uri.UnescapeDataString(path);
            foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var kv = pair.Split('=', 2);
                builder[Uri.UnescapeDataString(kv[0])] = kv.Length > 1 ? Uri.UnescapeDataString(kv[1]) : "";
            }
            return builder.ConnectionString;
        }
        catch (Exception ex) when (ex is ArgumentException or UriFormatException or FormatException or KeyNotFoundException)
        {
            throw new StorageException($"{Redact(database)}: not a PostgreSQL connection string ({ex.Message.Split(" (Parameter")[0]})", ex);
        }
    }

    /// <summary><paramref name="database"/> as it may be printed: without its password.</summary>
    public static string Redact(string database)
    {
        if (database.Contains("://", StringComparison.Ordinal))
        {
            var at = database.IndexOf('@');
            var scheme = database.IndexOf("://", StringComparison.Ordinal) + 3;
            var colon = at > scheme ? database.IndexOf(':', scheme, at - scheme) : -1;
            return colon > 0 ? database[..(colon + 1)] + "***" + database[at..] : database;
        }
        return string.Join(';', database.Split(';').Select(part =>
            part.TrimStart().StartsWith("Password", StringComparison.OrdinalIgnoreCase) && part.Contains('=')
                ? part[..(part.IndexOf('=') + 1)] + "***"
                : part));
    }
}
