using PicADaily.Frontend;
using PicADaily.Frontend.Access;
using PicADaily.Frontend.Api;
using PicADaily.Frontend.Operations;
using PicADaily.Frontend.Security;
using PicADaily.ServiceDefaults.Events;
using PicADaily.ServiceDefaults.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("frontend");
builder.Services.AddFrontend(builder.Configuration);

var app = builder.Build();
// Unhandled exceptions become problem details without their text (outside Development).
app.UseExceptionHandler();

// Forwarded headers (when a trusted proxy sets them), HSTS and Secure cookies come first, from AddServiceDefaults.
app.UseSecurityHeaders();
app.UseMiddleware<RequestSizeGuard>();
app.UseMiddleware<ViewerMiddleware>();
// Keeps a dead-lettered push's message for replay before the event endpoint handles it.
app.UseMiddleware<DeadLetterCapture>();
app.UseStaticFiles();
app.UseRouting();
app.UseRateLimiter();
app.UseAntiforgery();

app.MapDefaultEndpoints();
app.MapEventEndpoint("/events");
app.MapPictureApi();
app.MapLiveApi();
app.MapRazorPages();
app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
