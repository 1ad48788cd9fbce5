using System.Globalization;
using Microsoft.AspNetCore.Http.Features;

namespace BatchLearning.Server;

/// <summary>POST /v1/files (multipart: "file" and "purpose"), GET /v1/files/{id} and GET /v1/files/{id}/content, as OpenAI's Files API.</summary>
internal sealed class FilesEndpoints(FileStore files, InferenceServerOptions options, BatchApiClock clock)
{
    private static readonly HashSet<string> Purposes = new(StringComparer.Ordinal) { "batch", "user_data", "assistants", "fine-tune", "vision", "evals" };

    /// <summary>Stores an uploaded file; refuses a missing file, an unknown purpose and a file above <see cref="InferenceServerOptions.MaxFileBytes"/>.</summary>
    public async Task<IResult> UploadAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            return OpenAiError.Invalid("file", "Upload a file as multipart/form-data with the fields \"file\" and \"purpose\".").ToResult();
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception error) when (error is InvalidDataException or BadHttpRequestException)
        {
            return TooLarge(null).ToResult();
        }

        var purpose = form["purpose"].ToString();
        if (!Purposes.Contains(purpose))
        {
            return OpenAiError.Invalid("purpose", $"'{purpose}' is not a valid purpose; use one of {string.Join(", ", Purposes.Order())} (\"batch\" for a Batch API input file).").ToResult();
        }

        if (form.Files["file"] is not { } file)
        {
            return OpenAiError.Missing("file", "the file's content, as a multipart part named \"file\"").ToResult();
        }

        if (file.Length > options.MaxFileBytes)
        {
            return TooLarge(file.Length).ToResult();
        }

        using var content = new MemoryStream((int)file.Length);
        await file.CopyToAsync(content, context.RequestAborted).ConfigureAwait(false);
        return Results.Json(files.Add(file.FileName, purpose, clock.Time.GetUtcNow(), content.ToArray()).ToJson());
    }

    /// <summary>The file object.</summary>
    public IResult Get(string id) => files.Find(id) is { } file ? Results.Json(file.ToJson()) : NoSuchFile(id).ToResult();

    /// <summary>The file's bytes.</summary>
    public IResult Content(string id) => files.Find(id) is { } file ? Results.Bytes(file.Content, "application/octet-stream") : NoSuchFile(id).ToResult();

    /// <summary>Sets the request body limits so a file up to <see cref="InferenceServerOptions.MaxFileBytes"/> (plus the multipart framing) can be read.</summary>
    public static void ConfigureLimits(FormOptions form, InferenceServerOptions options) =>
        form.MultipartBodyLengthLimit = options.MaxFileBytes + (1L << 20);

    private static OpenAiError NoSuchFile(string id) => OpenAiError.NotFound($"No such File object: {id}");

    private OpenAiError TooLarge(long? bytes) => new(400, string.Create(CultureInfo.InvariantCulture,
        $"File is too large{(bytes is { } b ? $" ({b:N0} bytes)" : "")}: this server accepts files up to {options.MaxFileBytes:N0} bytes (MaxFileBytes)."),
        Code: "file_too_large", Param: "file");
}
