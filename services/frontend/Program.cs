using PicADaily.Frontend;
using PicADaily.Frontend.Api;
using PicADaily.Frontend.Security;
using PicADaily.ServiceDefaults.Events;
using PicADaily.ServiceDefaults.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("frontend");
builder.Services.AddFrontend(builder.Configuration);

var app = builder.Build();
app.UseSecurityHeaders();
app.UseMiddleware<RequestSizeGuard>();
app.UseStaticFiles();
app.UseRouting();
app.UseAntiforgery();

app.MapDefaultEndpoints();
app.MapEventEndpoint("/events");
app.MapPictureApi();
app.MapLiveApi();
app.MapRazorPages();
app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
