// Hand-written role templates for the demo job catalogue. server/seed/jobs.ts turns
// each into several postings (employers, places, dates) deterministically.
// Skill names use the skills library's preferred labels so they match badges.
// Lists are "; "-separated to keep the file reviewable.

export interface RoleTemplate {
  id: string;
  title: string;
  family: string;
  required: string;
  preferred: string;
  summary: string;
  /** Share of this role's postings offered remote (0–1). */
  remote?: number;
}

export const FAMILIES: Record<string, { employers: string[] }> = {
  "Software and data": {
    employers: [
      "Brightline Software",
      "Northwind Analytics",
      "Cobalt Cloud Systems",
      "Riverbend Health Tech",
      "Lumen Data Co.",
      "Harbor Fintech",
    ],
  },
  "IT support": {
    employers: [
      "Metro IT Services",
      "County Schools District",
      "Pinecrest Medical Group",
      "Atlas Managed IT",
      "Civic Library Network",
    ],
  },
  Healthcare: {
    employers: [
      "St. Brigid Hospital",
      "Valley Community Clinic",
      "Meadowbrook Care Homes",
      "Lakeside Health System",
      "CareFirst Home Health",
    ],
  },
  "Skilled trades and manufacturing": {
    employers: [
      "Ironworks Fabrication",
      "Summit Electrical Contractors",
      "Keystone Manufacturing",
      "Greenfield Builders",
      "Precision Parts Inc.",
    ],
  },
  Logistics: {
    employers: [
      "Crossroads Freight",
      "Swift Parcel",
      "Harborline Distribution",
      "Midstate Warehousing",
      "Northstar Logistics",
    ],
  },
  "Education and instructional design": {
    employers: [
      "Oakridge Public Schools",
      "Open Pathways Learning",
      "State Technical College",
      "Learnwell Studios",
      "Maple Grove Academy",
      "Civic University",
    ],
  },
  "Business and finance": {
    employers: [
      "Ledger & Lane Accountants",
      "Crescent Insurance",
      "Unity Credit Union",
      "Beacon Consulting",
      "Harbor City Council",
    ],
  },
  "Sales and customer service": {
    employers: ["Sunrise Retail", "Telco Connect", "Homewise Appliances", "Evergreen Energy", "Parkside Motors"],
  },
  "Creative and media": {
    employers: [
      "Pixel & Pine Studio",
      "Riverside Media",
      "Bold Type Agency",
      "Community Radio 98.1",
      "Storyworks Publishing",
    ],
  },
  Hospitality: {
    employers: [
      "Grand Plaza Hotel",
      "Harvest Table Restaurants",
      "Lakeview Resort",
      "City Events Center",
      "Corner Bakery Cafe",
    ],
  },
  "Public service": {
    employers: [
      "City of Riverton",
      "County Social Services",
      "State Department of Labor",
      "Regional Workforce Board",
      "Public Library District",
    ],
  },
};

export const LOCATIONS = [
  "Columbus, OH",
  "Denver, CO",
  "Atlanta, GA",
  "Phoenix, AZ",
  "Pittsburgh, PA",
  "Sacramento, CA",
  "Raleigh, NC",
  "Minneapolis, MN",
  "Austin, TX",
  "Leeds, UK",
  "Manchester, UK",
  "Bristol, UK",
];

export const ROLES: RoleTemplate[] = [
  // ---- Software and data
  {
    id: "frontend-developer",
    title: "Front-end Developer",
    family: "Software and data",
    required: "JavaScript; TypeScript; React; HTML; CSS; Web accessibility; Git",
    preferred: "Next.js; Automated testing; User experience design",
    summary: "Build accessible, responsive web interfaces with designers and back-end engineers.",
    remote: 0.5,
  },
  {
    id: "backend-developer",
    title: "Back-end Developer",
    family: "Software and data",
    required: "Node.js; SQL; PostgreSQL; REST APIs; Git; Automated testing",
    preferred: "Docker; Amazon Web Services; TypeScript",
    summary: "Design and run the APIs and databases behind our products.",
    remote: 0.5,
  },
  {
    id: "data-analyst",
    title: "Data Analyst",
    family: "Software and data",
    required: "SQL; Microsoft Excel; Data visualization; Statistics; Data cleaning; Communication",
    preferred: "Python; Tableau; Power BI",
    summary: "Turn operational data into clear reports and dashboards that guide decisions.",
    remote: 0.4,
  },
  {
    id: "junior-data-scientist",
    title: "Junior Data Scientist",
    family: "Software and data",
    required: "Python; Statistics; Machine learning; SQL; Data cleaning; Data visualization",
    preferred: "pandas; scikit-learn; Communication",
    summary: "Build and evaluate predictive models with a small analytics team.",
    remote: 0.4,
  },
  {
    id: "qa-tester",
    title: "Software Quality Assurance Tester",
    family: "Software and data",
    required: "Software quality assurance; Test case design; Bug tracking; Attention to detail; Communication",
    preferred: "Automated testing; SQL; Agile methodology",
    summary: "Plan and run manual and automated tests before each release.",
    remote: 0.3,
  },
  {
    id: "database-administrator",
    title: "Database Administrator",
    family: "Software and data",
    required: "SQL; PostgreSQL; Database administration; Backup and recovery; Linux; Performance tuning",
    preferred: "Scripting; Cloud computing",
    summary: "Keep our databases fast, backed up and secure.",
  },

  // ---- IT support
  {
    id: "it-support-technician",
    title: "IT Support Technician",
    family: "IT support",
    required: "Technical support; Troubleshooting; Windows; Customer service; Hardware installation; Ticketing systems",
    preferred: "Active Directory; Networking; macOS",
    summary: "Be the first line of help for staff: laptops, accounts, printers and phones.",
  },
  {
    id: "help-desk-analyst",
    title: "Help Desk Analyst",
    family: "IT support",
    required: "Technical support; Customer service; Ticketing systems; Troubleshooting; Communication",
    preferred: "Microsoft 365; Active Directory",
    summary: "Answer and resolve support requests by phone, chat and email.",
    remote: 0.3,
  },
  {
    id: "network-administrator",
    title: "Network Administrator",
    family: "IT support",
    required: "Networking; TCP/IP; Firewalls; Network security; Troubleshooting; Windows Server",
    preferred: "Cisco IOS; Linux; Scripting",
    summary: "Run and secure our wired and wireless networks across several sites.",
  },
  {
    id: "cybersecurity-analyst",
    title: "Cybersecurity Analyst",
    family: "IT support",
    required:
      "Network security; Incident response; Risk assessment; Security monitoring; Vulnerability management; Communication",
    preferred: "Linux; Scripting; Cloud computing",
    summary: "Watch for threats, investigate alerts and harden our systems.",
    remote: 0.3,
  },
  {
    id: "systems-administrator",
    title: "Systems Administrator",
    family: "IT support",
    required: "Linux; Windows Server; Active Directory; Scripting; Backup and recovery; Troubleshooting",
    preferred: "Cloud computing; Virtualization",
    summary: "Maintain servers, identity and backups for a growing organisation.",
  },

  // ---- Healthcare
  {
    id: "registered-nurse",
    title: "Registered Nurse",
    family: "Healthcare",
    required:
      "Patient care; Medication administration; Patient assessment; Cardiopulmonary resuscitation; Infection control; Electronic health records; Communication",
    preferred: "Wound care; Phlebotomy",
    summary: "Provide safe, compassionate nursing care on a busy medical-surgical unit.",
  },
  {
    id: "medical-assistant",
    title: "Medical Assistant",
    family: "Healthcare",
    required: "Vital signs; Patient care; Electronic health records; Phlebotomy; Infection control; Scheduling",
    preferred: "Medical terminology; Cardiopulmonary resuscitation",
    summary: "Room patients, take vitals and keep the clinic running smoothly.",
  },
  {
    id: "certified-nursing-assistant",
    title: "Certified Nursing Assistant",
    family: "Healthcare",
    required: "Patient care; Vital signs; Personal care; Infection control; Cardiopulmonary resuscitation; Empathy",
    preferred: "Dementia care; Nursing documentation",
    summary: "Support residents with daily living and comfort in a long-term care home.",
  },
  {
    id: "pharmacy-technician",
    title: "Pharmacy Technician",
    family: "Healthcare",
    required:
      "Prescription processing; Medication safety; Inventory management; Customer service; Attention to detail; Medical terminology",
    preferred: "Pharmacy software; Insurance billing",
    summary: "Prepare prescriptions accurately and help patients at the counter.",
  },
  {
    id: "medical-billing-specialist",
    title: "Medical Billing Specialist",
    family: "Healthcare",
    required: "Medical coding; Insurance billing; Electronic health records; Medical terminology; Attention to detail",
    preferred: "Microsoft Excel; Customer service",
    summary: "Submit and follow up claims so patients and providers are billed correctly.",
    remote: 0.5,
  },
  {
    id: "home-health-aide",
    title: "Home Health Aide",
    family: "Healthcare",
    required: "Personal care; Patient care; Meal preparation; Empathy; Communication; Time management",
    preferred: "First aid; Dementia care",
    summary: "Help clients live safely and independently at home.",
  },

  // ---- Skilled trades and manufacturing
  {
    id: "electrician",
    title: "Electrician",
    family: "Skilled trades and manufacturing",
    required:
      "Electrical wiring; National Electrical Code; Blueprint reading; Troubleshooting; Workplace safety; Power tools",
    preferred: "Conduit bending; Motor controls",
    summary: "Install and repair electrical systems on commercial and residential jobs.",
  },
  {
    id: "welder",
    title: "Welder",
    family: "Skilled trades and manufacturing",
    required: "MIG welding; TIG welding; Blueprint reading; Workplace safety; Metal fabrication",
    preferred: "Stick welding; Forklift operation",
    summary: "Weld and fabricate steel assemblies to drawing and quality standards.",
  },
  {
    id: "cnc-machinist",
    title: "CNC Machinist",
    family: "Skilled trades and manufacturing",
    required: "CNC machining; G-code; Blueprint reading; Precision measurement; Quality control; Workplace safety",
    preferred: "CAD; Lean manufacturing",
    summary: "Set up and run CNC mills and lathes for precision parts.",
  },
  {
    id: "hvac-technician",
    title: "HVAC Technician",
    family: "Skilled trades and manufacturing",
    required: "HVAC systems; Refrigeration; Troubleshooting; Electrical wiring; Customer service; Workplace safety",
    preferred: "EPA 608 certification; Driving",
    summary: "Install, service and repair heating and cooling systems.",
  },
  {
    id: "production-worker",
    title: "Production Associate",
    family: "Skilled trades and manufacturing",
    required: "Assembly; Quality control; Workplace safety; Teamwork; Attention to detail",
    preferred: "Lean manufacturing; Forklift operation",
    summary: "Assemble and inspect products on a fast-paced production line.",
  },
  {
    id: "maintenance-technician",
    title: "Industrial Maintenance Technician",
    family: "Skilled trades and manufacturing",
    required: "Preventive maintenance; Troubleshooting; Electrical wiring; Hydraulics; Pneumatics; Workplace safety",
    preferred: "Programmable logic controllers; Welding",
    summary: "Keep plant equipment running with preventive and breakdown maintenance.",
  },
  {
    id: "carpenter",
    title: "Carpenter",
    family: "Skilled trades and manufacturing",
    required: "Carpentry; Blueprint reading; Power tools; Workplace safety; Measurement",
    preferred: "Framing; Finish carpentry",
    summary: "Frame, fit and finish on residential and light commercial projects.",
  },

  // ---- Logistics
  {
    id: "warehouse-associate",
    title: "Warehouse Associate",
    family: "Logistics",
    required: "Order picking; Inventory management; Forklift operation; Workplace safety; Teamwork",
    preferred: "Warehouse management systems; Shipping and receiving",
    summary: "Pick, pack and ship customer orders accurately and safely.",
  },
  {
    id: "truck-driver",
    title: "Delivery Driver (CDL-A)",
    family: "Logistics",
    required: "Commercial driving; Route planning; Vehicle inspection; Time management; Customer service",
    preferred: "Hazardous materials endorsement; Electronic logging devices",
    summary: "Deliver freight on regional routes with home time most weekends.",
  },
  {
    id: "logistics-coordinator",
    title: "Logistics Coordinator",
    family: "Logistics",
    required:
      "Supply chain management; Shipping and receiving; Microsoft Excel; Communication; Scheduling; Problem solving",
    preferred: "Warehouse management systems; Negotiation",
    summary: "Plan shipments, book carriers and keep customers informed.",
  },
  {
    id: "inventory-specialist",
    title: "Inventory Control Specialist",
    family: "Logistics",
    required: "Inventory management; Cycle counting; Microsoft Excel; Attention to detail; Data entry",
    preferred: "Warehouse management systems; Forklift operation",
    summary: "Keep stock records accurate and investigate discrepancies.",
  },
  {
    id: "dispatcher",
    title: "Transportation Dispatcher",
    family: "Logistics",
    required: "Dispatching; Route planning; Communication; Problem solving; Scheduling; Multitasking",
    preferred: "GPS tracking; Customer service",
    summary: "Assign loads, track drivers and solve problems on the road.",
  },

  // ---- Education and instructional design
  {
    id: "teaching-assistant",
    title: "Teaching Assistant",
    family: "Education and instructional design",
    required: "Classroom support; Child development; Communication; Patience; Teamwork",
    preferred: "Special education; First aid",
    summary: "Support pupils and the class teacher in a primary classroom.",
  },
  {
    id: "teacher",
    title: "Classroom Teacher",
    family: "Education and instructional design",
    required:
      "Lesson planning; Classroom management; Curriculum development; Student assessment; Differentiated instruction; Communication",
    preferred: "Educational technology; Special education",
    summary: "Plan and teach engaging lessons and track every student's progress.",
  },
  {
    id: "elearning-developer",
    title: "E-learning Developer",
    family: "Education and instructional design",
    required:
      "E-learning development; Articulate Storyline; Instructional design; Multimedia production; SCORM; Web accessibility",
    preferred: "Adobe Captivate; Graphic design; Video editing",
    summary: "Build interactive online modules from storyboards to published SCORM packages.",
    remote: 0.6,
  },
  {
    id: "learning-experience-lead",
    title: "Learning Experience Lead",
    family: "Education and instructional design",
    required:
      "Learning experience design; Instructional design; Team leadership; Stakeholder management; Learning analytics; Project management; Online learning",
    preferred: "Budgeting; Coaching",
    summary: "Lead a team designing learning journeys across our programs.",
    remote: 0.5,
  },
  {
    id: "training-coordinator",
    title: "Training Coordinator",
    family: "Education and instructional design",
    required: "Training delivery; Scheduling; Learning management systems; Communication; Microsoft Excel",
    preferred: "Instructional design; Public speaking",
    summary: "Organise training sessions, track completions and support trainers.",
  },
  {
    id: "academic-advisor",
    title: "Academic Advisor",
    family: "Education and instructional design",
    required: "Academic advising; Active listening; Career guidance; Student records; Communication",
    preferred: "Coaching; Microsoft Excel",
    summary: "Guide students through course choices, progression and support services.",
  },

  // ---- Business and finance
  {
    id: "bookkeeper",
    title: "Bookkeeper",
    family: "Business and finance",
    required: "Bookkeeping; Accounts payable; Accounts receivable; QuickBooks; Microsoft Excel; Attention to detail",
    preferred: "Payroll; Bank reconciliation",
    summary: "Keep the books for a busy small-business practice.",
    remote: 0.3,
  },
  {
    id: "accountant",
    title: "Staff Accountant",
    family: "Business and finance",
    required:
      "Accounting; Financial reporting; Bank reconciliation; Microsoft Excel; Generally accepted accounting principles; Attention to detail",
    preferred: "Tax preparation; Auditing",
    summary: "Close the month, reconcile accounts and prepare financial statements.",
  },
  {
    id: "project-coordinator",
    title: "Project Coordinator",
    family: "Business and finance",
    required: "Project management; Scheduling; Communication; Microsoft Excel; Stakeholder management; Organization",
    preferred: "Agile methodology; Budgeting",
    summary: "Keep projects on schedule: plans, meetings, risks and reports.",
    remote: 0.4,
  },
  {
    id: "hr-assistant",
    title: "Human Resources Assistant",
    family: "Business and finance",
    required: "Human resources; Recruiting; Employee onboarding; Record keeping; Confidentiality; Communication",
    preferred: "Payroll; Microsoft Excel",
    summary: "Support hiring, onboarding and employee records.",
  },
  {
    id: "office-administrator",
    title: "Office Administrator",
    family: "Business and finance",
    required: "Office administration; Microsoft Office; Scheduling; Data entry; Communication; Organization",
    preferred: "Bookkeeping; Customer service",
    summary: "Run the front office: calendars, supplies, records and visitors.",
  },
  {
    id: "business-analyst",
    title: "Business Analyst",
    family: "Business and finance",
    required: "Business analysis; Requirements gathering; Process mapping; Stakeholder management; SQL; Communication",
    preferred: "Agile methodology; Data visualization",
    summary: "Work with teams to define needs and improve processes and systems.",
    remote: 0.4,
  },

  // ---- Sales and customer service
  {
    id: "customer-service-representative",
    title: "Customer Service Representative",
    family: "Sales and customer service",
    required: "Customer service; Communication; Active listening; Problem solving; Data entry",
    preferred: "Customer relationship management; Conflict resolution",
    summary: "Help customers by phone and chat with orders, billing and questions.",
    remote: 0.5,
  },
  {
    id: "retail-sales-associate",
    title: "Retail Sales Associate",
    family: "Sales and customer service",
    required: "Customer service; Sales; Cash handling; Merchandising; Teamwork",
    preferred: "Point of sale systems; Product knowledge",
    summary: "Welcome shoppers, find the right products and keep the floor ready.",
  },
  {
    id: "sales-representative",
    title: "Sales Representative",
    family: "Sales and customer service",
    required: "Sales; Prospecting; Negotiation; Customer relationship management; Communication; Presentation skills",
    preferred: "Salesforce; Driving",
    summary: "Grow a regional territory with new and existing business customers.",
  },
  {
    id: "call-center-team-lead",
    title: "Call Center Team Lead",
    family: "Sales and customer service",
    required: "Team leadership; Customer service; Coaching; Performance management; Conflict resolution; Communication",
    preferred: "Scheduling; Data analysis",
    summary: "Lead and coach a team of customer service agents.",
  },
  {
    id: "account-manager",
    title: "Account Manager",
    family: "Sales and customer service",
    required:
      "Account management; Customer relationship management; Negotiation; Communication; Problem solving; Sales",
    preferred: "Salesforce; Microsoft Excel",
    summary: "Look after key customers and grow each account.",
    remote: 0.3,
  },

  // ---- Creative and media
  {
    id: "graphic-designer",
    title: "Graphic Designer",
    family: "Creative and media",
    required: "Graphic design; Adobe Photoshop; Adobe Illustrator; Typography; Layout design; Creativity",
    preferred: "Adobe InDesign; Branding; Motion graphics",
    summary: "Design print and digital work for campaigns and brands.",
    remote: 0.4,
  },
  {
    id: "video-editor",
    title: "Video Editor",
    family: "Creative and media",
    required: "Video editing; Adobe Premiere Pro; Storytelling; Color correction; Audio editing",
    preferred: "Motion graphics; Adobe After Effects",
    summary: "Cut documentary and social video from raw footage to final delivery.",
    remote: 0.4,
  },
  {
    id: "social-media-coordinator",
    title: "Social Media Coordinator",
    family: "Creative and media",
    required: "Social media marketing; Content creation; Copywriting; Social media analytics; Communication",
    preferred: "Graphic design; Video editing",
    summary: "Plan, post and measure content across our social channels.",
    remote: 0.5,
  },
  {
    id: "copywriter",
    title: "Copywriter",
    family: "Creative and media",
    required: "Copywriting; Editing; Proofreading; Search engine optimization; Storytelling",
    preferred: "Content strategy; Social media marketing",
    summary: "Write clear, persuasive copy for web, email and print.",
    remote: 0.6,
  },
  {
    id: "ux-designer",
    title: "UX Designer",
    family: "Creative and media",
    required: "User experience design; User research; Wireframing; Prototyping; Figma; Web accessibility",
    preferred: "HTML; Usability testing",
    summary: "Research, sketch and test experiences people find easy to use.",
    remote: 0.5,
  },

  // ---- Hospitality
  {
    id: "line-cook",
    title: "Line Cook",
    family: "Hospitality",
    required: "Food preparation; Food safety; Knife skills; Teamwork; Time management",
    preferred: "Menu planning; Inventory management",
    summary: "Prepare dishes to spec on a busy line.",
  },
  {
    id: "front-desk-agent",
    title: "Hotel Front Desk Agent",
    family: "Hospitality",
    required: "Guest services; Customer service; Reservation systems; Cash handling; Communication",
    preferred: "Multilingual communication; Conflict resolution",
    summary: "Check guests in and out and make every stay run smoothly.",
  },
  {
    id: "restaurant-server",
    title: "Restaurant Server",
    family: "Hospitality",
    required: "Customer service; Food safety; Cash handling; Teamwork; Multitasking",
    preferred: "Point of sale systems; Responsible alcohol service",
    summary: "Serve guests with warmth and pace in a full-service restaurant.",
  },
  {
    id: "event-coordinator",
    title: "Event Coordinator",
    family: "Hospitality",
    required: "Event planning; Vendor management; Budgeting; Communication; Customer service; Organization",
    preferred: "Negotiation; Social media marketing",
    summary: "Plan and run conferences, weddings and community events.",
  },
  {
    id: "kitchen-manager",
    title: "Kitchen Manager",
    family: "Hospitality",
    required:
      "Kitchen management; Food safety; Inventory management; Menu planning; Team leadership; Food and beverage cost control",
    preferred: "Scheduling; Training delivery",
    summary: "Run a kitchen team, ordering and food cost for a neighbourhood restaurant group.",
  },

  // ---- Public service
  {
    id: "case-manager",
    title: "Case Manager",
    family: "Public service",
    required: "Case management; Needs assessment; Records management; Empathy; Community resources; Communication",
    preferred: "Crisis intervention; Multilingual communication",
    summary: "Help families reach housing, benefits and services.",
  },
  {
    id: "career-counselor",
    title: "Career Counselor",
    family: "Public service",
    required: "Career guidance; Active listening; Resume writing; Labor market information; Coaching; Communication",
    preferred: "Workshop facilitation; Case management",
    summary: "Help job seekers plan careers, write resumes and find training.",
  },
  {
    id: "administrative-clerk",
    title: "Administrative Clerk",
    family: "Public service",
    required: "Data entry; Record keeping; Customer service; Microsoft Office; Attention to detail",
    preferred: "Confidentiality; Scheduling",
    summary: "Process applications and records at the public counter.",
  },
  {
    id: "community-outreach-worker",
    title: "Community Outreach Worker",
    family: "Public service",
    required: "Community outreach; Communication; Cultural competence; Community resources; Records management",
    preferred: "Multilingual communication; Event planning",
    summary: "Connect residents with programs through events and door-to-door outreach.",
  },
  {
    id: "library-assistant",
    title: "Library Assistant",
    family: "Public service",
    required: "Customer service; Cataloging; Digital literacy; Communication; Organization",
    preferred: "Event planning; Teaching",
    summary: "Help patrons find materials, use computers and join programs.",
  },
];

/** The posting from the story: 25 required skills, one of them "Online learning". */
export const INSTRUCTIONAL_DESIGNER = {
  id: "instructional-designer-open-pathways",
  title: "Instructional Designer",
  employer: "Open Pathways Learning",
  location: "Columbus, OH",
  remote: true,
  summary:
    "Design engaging online and blended courses for adult learners, working with subject-matter experts from analysis to evaluation.",
  required: [
    "Instructional design",
    "Online learning",
    "Curriculum development",
    "ADDIE model",
    "Adult learning theory",
    "Needs analysis",
    "Learning objectives",
    "Storyboarding",
    "E-learning development",
    "Articulate Storyline",
    "Adobe Captivate",
    "Learning management systems",
    "SCORM",
    "Web accessibility",
    "Universal Design for Learning",
    "Assessment design",
    "Learning evaluation",
    "Multimedia production",
    "Video editing",
    "Graphic design",
    "Project management",
    "Stakeholder management",
    "Technical writing",
    "Communication",
    "Learning analytics",
  ],
  preferred: ["Microlearning", "HTML", "Coaching"],
};
