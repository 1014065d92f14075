/** Size entry: @esri/arcgis-rest-request's callback page (`completeOAuth2`). */
import { ArcGISIdentityManager } from "@esri/arcgis-rest-request";

void ArcGISIdentityManager.completeOAuth2({ clientId: "bench", redirectUri: location.href });
