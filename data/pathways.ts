// ≥ 20 career pathways for /pathways. Each step is a role; steps that match a
// job template (data/jobs.roles.ts) take its required skills, the rest list
// their own. Skill names use the skills library's preferred labels.
import type { CataloguePathway } from "@/lib/jobs/catalogue";
import { INSTRUCTIONAL_DESIGNER, ROLES } from "./jobs.roles";

type Step = string | { role: string; skills: string; description?: string };

const PATHS: Array<{ id: string; title: string; description: string; steps: Step[] }> = [
  {
    id: "teaching-to-learning-design",
    title: "From the classroom to learning design",
    description: "Use classroom experience to move into designing online learning, then lead a learning team.",
    steps: ["teaching-assistant", "instructional-designer", "learning-experience-lead"],
  },
  {
    id: "teacher-to-elearning",
    title: "Teacher to e-learning developer",
    description: "Turn lesson planning into building interactive online courses.",
    steps: ["teacher", "elearning-developer", "instructional-designer"],
  },
  {
    id: "trainer-to-lx",
    title: "Workplace trainer to learning experience lead",
    description: "Grow from organising training to designing and leading learning programmes.",
    steps: ["training-coordinator", "instructional-designer", "learning-experience-lead"],
  },
  {
    id: "help-desk-to-security",
    title: "Help desk to cybersecurity",
    description: "Start in support, learn networks, then specialise in security.",
    steps: ["help-desk-analyst", "network-administrator", "cybersecurity-analyst"],
  },
  {
    id: "it-support-to-sysadmin",
    title: "IT support to systems administration",
    description: "From fixing laptops to running servers and identity.",
    steps: ["it-support-technician", "systems-administrator", "database-administrator"],
  },
  {
    id: "excel-to-data-science",
    title: "Spreadsheets to data science",
    description: "Build on Excel and SQL to analyse data, then model it.",
    steps: ["office-administrator", "data-analyst", "junior-data-scientist"],
  },
  {
    id: "qa-to-developer",
    title: "Software tester to developer",
    description: "Learn the product through testing, then build it.",
    steps: ["qa-tester", "frontend-developer", "backend-developer"],
  },
  {
    id: "cna-to-rn",
    title: "Nursing assistant to registered nurse",
    description: "The classic ladder in patient care.",
    steps: ["certified-nursing-assistant", "medical-assistant", "registered-nurse"],
  },
  {
    id: "home-care-to-nursing",
    title: "Home care to nursing",
    description: "From caring for clients at home to clinical nursing.",
    steps: ["home-health-aide", "certified-nursing-assistant", "registered-nurse"],
  },
  {
    id: "front-office-to-billing",
    title: "Clinic front office to medical billing",
    description: "Move from patient-facing administration into revenue-cycle work.",
    steps: ["administrative-clerk", "medical-assistant", "medical-billing-specialist"],
  },
  {
    id: "pharmacy-path",
    title: "Retail to pharmacy technician",
    description: "Customer service experience is a strong start for pharmacy work.",
    steps: ["retail-sales-associate", "pharmacy-technician"],
  },
  {
    id: "production-to-maintenance",
    title: "Production line to maintenance technician",
    description: "From assembly to keeping the whole plant running.",
    steps: ["production-worker", "cnc-machinist", "maintenance-technician"],
  },
  {
    id: "helper-to-electrician",
    title: "Construction helper to licensed electrician",
    description: "Start with safety and tools, then wire, then master controls.",
    steps: [
      {
        role: "Construction Helper",
        skills: "Workplace safety; Power tools; Measurement; Teamwork",
        description: "Assist trades on site.",
      },
      "electrician",
      {
        role: "Controls Electrician",
        skills:
          "Motor controls; Programmable logic controllers; Electrical wiring; Troubleshooting; National Electrical Code",
      },
    ],
  },
  {
    id: "welding-path",
    title: "Welder to fabrication lead",
    description: "From the booth to leading a fabrication cell.",
    steps: [
      "welder",
      {
        role: "Fabrication Lead",
        skills: "Metal fabrication; Blueprint reading; Quality control; Team leadership; Workplace safety",
      },
    ],
  },
  {
    id: "trades-hvac",
    title: "Maintenance helper to HVAC technician",
    description: "Build electrical and refrigeration skills for a career in HVAC.",
    steps: ["carpenter", "hvac-technician"],
  },
  {
    id: "warehouse-to-logistics",
    title: "Warehouse to logistics coordination",
    description: "From the warehouse floor to planning shipments.",
    steps: ["warehouse-associate", "inventory-specialist", "logistics-coordinator"],
  },
  {
    id: "driver-to-dispatch",
    title: "Driver to dispatcher",
    description: "Use road experience to plan and run routes for a fleet.",
    steps: ["truck-driver", "dispatcher", "logistics-coordinator"],
  },
  {
    id: "customer-service-to-lead",
    title: "Customer service to team lead",
    description: "Grow from answering calls to coaching a team.",
    steps: ["customer-service-representative", "call-center-team-lead"],
  },
  {
    id: "retail-to-account-management",
    title: "Retail sales to account management",
    description: "From the shop floor to business-to-business sales.",
    steps: ["retail-sales-associate", "sales-representative", "account-manager"],
  },
  {
    id: "admin-to-accounting",
    title: "Office administration to accounting",
    description: "From the front office to the books and the month-end close.",
    steps: ["office-administrator", "bookkeeper", "accountant"],
  },
  {
    id: "coordinator-to-analyst",
    title: "Project coordinator to business analyst",
    description: "From keeping projects on track to shaping what they deliver.",
    steps: ["project-coordinator", "business-analyst"],
  },
  {
    id: "hr-path",
    title: "Office administrator to HR",
    description: "People-facing administration is a good start in human resources.",
    steps: ["office-administrator", "hr-assistant"],
  },
  {
    id: "design-to-ux",
    title: "Graphic design to UX design",
    description: "From visual design to designing how products work.",
    steps: ["graphic-designer", "ux-designer"],
  },
  {
    id: "social-to-content",
    title: "Social media to content and copy",
    description: "Grow from posting to writing and content strategy.",
    steps: ["social-media-coordinator", "copywriter", "video-editor"],
  },
  {
    id: "kitchen-path",
    title: "Line cook to kitchen manager",
    description: "Grow from the line to running a kitchen.",
    steps: [
      "line-cook",
      {
        role: "Sous Chef",
        skills: "Food preparation; Food safety; Menu planning; Team leadership; Inventory management; Knife skills",
      },
      "kitchen-manager",
    ],
  },
  {
    id: "hospitality-to-events",
    title: "Front desk to event coordination",
    description: "Guest service skills carry into planning events.",
    steps: ["front-desk-agent", "event-coordinator"],
  },
  {
    id: "outreach-to-career-counseling",
    title: "Community outreach to career counseling",
    description: "Help people one to one, then help them into work.",
    steps: ["community-outreach-worker", "case-manager", "career-counselor"],
  },
  {
    id: "library-to-advising",
    title: "Library assistant to academic advisor",
    description: "Helping patrons leads naturally to advising students.",
    steps: ["library-assistant", "academic-advisor"],
  },
];

export function pathwayCatalogue(): CataloguePathway[] {
  const roles = new Map(ROLES.map((r) => [r.id, r]));
  const split = (s: string) =>
    s
      .split(";")
      .map((x) => x.trim())
      .filter(Boolean);
  return PATHS.map((p) => ({
    id: p.id,
    title: p.title,
    description: p.description,
    steps: p.steps.map((st) => {
      if (typeof st !== "string") return { role: st.role, description: st.description ?? "", skills: split(st.skills) };
      if (st === "instructional-designer") {
        return {
          role: INSTRUCTIONAL_DESIGNER.title,
          description: INSTRUCTIONAL_DESIGNER.summary,
          skills: INSTRUCTIONAL_DESIGNER.required.slice(0, 12),
        };
      }
      const r = roles.get(st);
      if (!r) throw new Error(`pathways.ts: unknown role ${st}`);
      return { role: r.title, description: r.summary, skills: split(r.required) };
    }),
  }));
}
