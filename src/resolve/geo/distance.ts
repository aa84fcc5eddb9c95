const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance in km between two points in degrees. */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Weighted mean of points on the sphere (3-D unit vectors), robust across the antimeridian. */
export class SphericalMean {
  private x = 0;
  private y = 0;
  private z = 0;
  weight = 0;
  population = 0;
  count = 0;

  add(lat: number, lon: number, weight: number, population: number): void {
    const phi = (lat * Math.PI) / 180;
    const lambda = (lon * Math.PI) / 180;
    this.x += weight * Math.cos(phi) * Math.cos(lambda);
    this.y += weight * Math.cos(phi) * Math.sin(lambda);
    this.z += weight * Math.sin(phi);
    this.weight += weight;
    this.population += population;
    this.count++;
  }

  centroid(): { lat: number; lon: number } {
    const hyp = Math.hypot(this.x, this.y);
    return { lat: (Math.atan2(this.z, hyp) * 180) / Math.PI, lon: (Math.atan2(this.y, this.x) * 180) / Math.PI };
  }
}
