/** Size entry: what a rest-js `fromParent` child loads to get a credential from its parent. */
import { ArcGISIdentityManager } from "@esri/arcgis-rest-request";

void ArcGISIdentityManager.fromParent("https://parent.example");
