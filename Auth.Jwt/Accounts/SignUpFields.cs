using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Primitives;

namespace Auth.Jwt.Accounts;

public enum FieldState
{
    Missing,
    Null,
    NotAString,
    Present,
}

/// <summary>One submitted field, as DRF's CharField sees it before validation.</summary>
public readonly record struct Field(FieldState State, string Text = "")
{
    public static Field FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => new Field(FieldState.Present, element.GetString()!),
        // DRF's CharField takes numbers as their text.
        JsonValueKind.Number => new Field(FieldState.Present, NumberText(element)),
        JsonValueKind.Null => new Field(FieldState.Null),
        _ => new Field(FieldState.NotAString),
    };

    public static Field FromJsonObject(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) ? FromJson(value) : new Field(FieldState.Missing);

    /// <summary>A repeated form field keeps its last value, as Django's QueryDict does.</summary>
    public static Field FromForm(IReadOnlyDictionary<string, StringValues> form, string name) =>
        form.TryGetValue(name, out var values) && values.Count > 0
            ? new Field(FieldState.Present, values[^1] ?? "")
            : new Field(FieldState.Missing);

    private static string NumberText(JsonElement number) =>
        number.TryGetInt64(out var integer)
            ? integer.ToString(CultureInfo.InvariantCulture)
            : number.GetDouble().ToString("R", CultureInfo.InvariantCulture);
}
