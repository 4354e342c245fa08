using Npgsql;

namespace Auth.Jwt.Storage.Postgres;

/// <summary>Parameterised statements on the pool: every value is a parameter, never SQL text.</summary>
internal static class PostgresCommands
{
    public static int Execute(this PostgresDatabase database, string sql, params (string Name, object? Value)[] parameters) =>
        database.Run(source =>
        {
            using var command = source.CreateCommand(sql);
            Bind(command, parameters);
            return command.ExecuteNonQuery();
        });

    public static List<T> Query<T>(this PostgresDatabase database, string sql, Func<NpgsqlDataReader, T> map, params (string Name, object? Value)[] parameters) =>
        database.Run(source =>
        {
            using var command = source.CreateCommand(sql);
            Bind(command, parameters);
            using var reader = command.ExecuteReader();
            var rows = new List<T>();
            while (reader.Read())
            {
                rows.Add(map(reader));
            }

            return rows;
        });

    public static int Execute(this NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        Bind(command, parameters);
        return command.ExecuteNonQuery();
    }

    public static DateTimeOffset Time(this NpgsqlDataReader reader, int ordinal) =>
        new(DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc));

    public static DateTimeOffset? NullableTime(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.Time(ordinal);

    public static string? NullableString(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static void Bind(NpgsqlCommand command, (string Name, object? Value)[] parameters)
    {
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value switch
            {
                null => DBNull.Value,
                // timestamptz takes UTC only.
                DateTimeOffset time => time.ToUniversalTime(),
                _ => value,
            });
        }
    }
}
