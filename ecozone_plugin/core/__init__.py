"""The domain of EcoZone. Nothing here imports Qt or qgis."""
