using System.Text.Json;
using System.Text.Json.Nodes;
using AssetRegistry.Domain.Assets;

namespace AssetRegistry.Domain.Inspections.Results;

/// <summary>
/// Reads a result body against its checklist: every answer typed and in range, required answers present, unknown
/// fields refused. Errors name the field as the client sent it (<c>defects[1].grade</c>).
/// </summary>
public static class ChecklistAnswers
{
    /// <summary>The answers as a normalised JSON object (numbers as numbers, absent optional answers left out), or
    /// null with every problem added to <paramref name="errors"/>.</summary>
    public static JsonObject? Read(ChecklistDefinition checklist, JsonElement body, ValidationErrors errors)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add("body", new LocalizedText($"Send a JSON object answering the checklist {checklist.Id}.", $"请提交回答检查表 {checklist.Id} 的 JSON 对象。"));
            return null;
        }
        var before = errors.ToDictionary().Count;
        var answers = ReadObject(checklist.Fields, body, "", errors);
        // Re-parsed so every value is read back from JSON text (a whole number reads as a double and vice versa).
        return errors.ToDictionary().Count == before ? JsonNode.Parse(answers.ToJsonString())!.AsObject() : null;
    }

    private static JsonObject ReadObject(IReadOnlyList<ChecklistField> fields, JsonElement obj, string prefix, ValidationErrors errors)
    {
        var answers = new JsonObject();
        foreach (var p in obj.EnumerateObject())
            if (!fields.Any(f => f.Name == p.Name))
                errors.Add(prefix + p.Name, new LocalizedText($"{p.Name} is not a field of this checklist; expected {string.Join(", ", fields.Select(f => f.Name))}.",
                    $"“{p.Name}”不是此检查表的项目；应为：{string.Join("、", fields.Select(f => f.TitleZh))}。"));
        foreach (var field in fields)
        {
            var path = prefix + field.Name;
            if (!obj.TryGetProperty(field.Name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                if (field.Required) errors.Add(path, new LocalizedText($"{field.Name} is required.", $"{field.TitleZh}为必填项。"));
                continue;
            }
            var node = ReadValue(field, value, path, errors);
            if (node is not null) answers[field.Name] = node;
        }
        return answers;
    }

    private static JsonNode? ReadValue(ChecklistField field, JsonElement value, string path, ValidationErrors errors)
    {
        switch (field.Type)
        {
            case ChecklistFieldType.Boolean:
                if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return JsonValue.Create(value.GetBoolean());
                errors.Add(path, new LocalizedText($"{field.Name} must be true or false.", $"{field.TitleZh}须为是或否。"));
                return null;
            case ChecklistFieldType.Integer:
                if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var whole) && InRange(field, whole, path, errors))
                    return JsonValue.Create(whole);
                if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out _)) errors.Add(path, new LocalizedText($"{field.Name} must be a whole number.", $"{field.TitleZh}须为整数。"));
                return null;
            case ChecklistFieldType.Number:
                if (value.ValueKind == JsonValueKind.Number && InRange(field, value.GetDouble(), path, errors)) return JsonValue.Create(value.GetDouble());
                if (value.ValueKind != JsonValueKind.Number) errors.Add(path, new LocalizedText($"{field.Name} must be a number.", $"{field.TitleZh}须为数字。"));
                return null;
            case ChecklistFieldType.Text:
                if (value.ValueKind != JsonValueKind.String) { errors.Add(path, new LocalizedText($"{field.Name} must be text.", $"{field.TitleZh}须为文本。")); return null; }
                var text = value.GetString()!;
                if (field.MaxLength is { } max && text.Length > max) { errors.Add(path, new LocalizedText($"{field.Name} is longer than {max} characters.", $"{field.TitleZh}超过 {max} 个字符。")); return null; }
                if (field.Required && string.IsNullOrWhiteSpace(text)) { errors.Add(path, new LocalizedText($"{field.Name} is required.", $"{field.TitleZh}为必填项。")); return null; }
                return JsonValue.Create(text);
            case ChecklistFieldType.Choice:
                if (value.ValueKind == JsonValueKind.String && field.Options.Any(o => o.Code == value.GetString())) return JsonValue.Create(value.GetString());
                errors.Add(path, new LocalizedText($"{field.Name} must be one of {string.Join(", ", field.Options.Select(o => o.Code))}.",
                    $"{field.TitleZh}须为以下之一：{string.Join("、", field.Options.Select(o => o.TitleZh))}。"));
                return null;
            case ChecklistFieldType.MultiChoice:
                return ReadArray(field, value, path, errors, (item, itemPath) =>
                {
                    if (item.ValueKind == JsonValueKind.String && field.Options.Any(o => o.Code == item.GetString())) return JsonValue.Create(item.GetString());
                    errors.Add(itemPath, new LocalizedText($"{field.Name} holds codes of {string.Join(", ", field.Options.Select(o => o.Code))}.",
                        $"{field.TitleZh}只能包含：{string.Join("、", field.Options.Select(o => o.TitleZh))}。"));
                    return null;
                }, distinct: true);
            case ChecklistFieldType.NumberList:
                return ReadArray(field, value, path, errors, (item, itemPath) =>
                {
                    if (item.ValueKind == JsonValueKind.Number && InRange(field, item.GetDouble(), itemPath, errors)) return JsonValue.Create(item.GetDouble());
                    if (item.ValueKind != JsonValueKind.Number) errors.Add(itemPath, new LocalizedText($"{field.Name} holds numbers.", $"{field.TitleZh}须为数字。"));
                    return null;
                }, distinct: false);
            case ChecklistFieldType.Items:
                return ReadArray(field, value, path, errors, (item, itemPath) =>
                {
                    if (item.ValueKind == JsonValueKind.Object) return ReadObject(field.ItemFields, item, itemPath + ".", errors);
                    errors.Add(itemPath, new LocalizedText($"Each of {field.Name} is an object with {string.Join(", ", field.ItemFields.Select(f => f.Name))}.",
                        $"{field.TitleZh}的每一项须包含：{string.Join("、", field.ItemFields.Select(f => f.TitleZh))}。"));
                    return null;
                }, distinct: false);
            default:
                throw new InvalidOperationException($"Unknown field type {field.Type}.");
        }
    }

    private static JsonArray? ReadArray(ChecklistField field, JsonElement value, string path, ValidationErrors errors,
        Func<JsonElement, string, JsonNode?> readItem, bool distinct)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(path, new LocalizedText($"{field.Name} must be an array.", $"{field.TitleZh}须为列表。"));
            return null;
        }
        var array = new JsonArray();
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            var node = readItem(item, $"{path}[{i++}]");
            if (node is null) continue;
            if (distinct && array.Any(n => JsonNode.DeepEquals(n, node))) continue;
            array.Add(node);
        }
        return array;
    }

    private static bool InRange(ChecklistField field, double value, string path, ValidationErrors errors)
    {
        if ((field.Minimum is { } min && value < min) || (field.Maximum is { } max && value > max))
        {
            errors.Add(path, new LocalizedText($"{field.Name} must be from {field.Minimum} to {field.Maximum}{(field.Unit is null ? "" : " " + field.Unit)}.",
                $"{field.TitleZh}须在 {field.Minimum} 至 {field.Maximum}{(field.Unit is null ? "" : " " + field.Unit)} 之间。"));
            return false;
        }
        return true;
    }
}
